// Command-line options of every `radar` command, parsed once at the edge with node:util's parseArgs. A wrong option is
// bad input, not a crash: parseArgs' TypeError (with its stack) becomes one line naming the option, then the command's
// usage, exit 2. `--help` prints the usage on stdout, exit 0.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError, RadarError } from './errors.ts';

/** `--help` / `-h` on any command: the CLI prints the message (the usage) on stdout and exits 0. */
export class HelpRequested extends RadarError {
  override readonly exitCode = 0;
}

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** The quoted word parseArgs' message names ("Unknown option '--bogus'. ..."), if any. */
function quoted(message: string): string | null {
  return /'([^']*)'/.exec(message)?.[1] ?? null;
}

/** One line for parseArgs' error, naming the option or argument and what is wrong with it. */
export function describeArgsError(err: { code?: string; message: string }): string {
  const word = quoted(err.message);
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${word ?? err.message}"`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${word ?? err.message}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = (word ?? '').split(' ')[0] || 'an option';
      if (/does not take an argument/.test(err.message)) return `option ${option} takes no value`;
      if (/ambiguous/.test(err.message)) return `option ${option} needs a value (one that starts with "-" is written ${option}=VALUE)`;
      return `option ${option} needs a value`;
    }
    default:
      return err.message.split('\n')[0]!;
  }
}

/** True for the TypeError parseArgs throws on a wrong option or argument. */
export function isArgsError(err: unknown): err is TypeError & { code: string } {
  return err instanceof TypeError && String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');
}

/**
 * parseArgs in strict mode plus `--help`/`-h`: a wrong option, a missing or empty value, or an unexpected argument
 * throws an InputError (exit 2) whose message is one line about it followed by `usage`; `--help` throws HelpRequested.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(usage: string, config: T): Parsed<T> {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ ...config, strict: true, options: { ...config.options, help: { type: 'boolean', short: 'h' } } }) as Parsed<T>;
  } catch (err) {
    if (isArgsError(err)) throw new InputError(`${describeArgsError(err)}\n${usage}`, { cause: err });
    throw err;
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) throw new HelpRequested(usage);
  for (const [name, value] of Object.entries(values)) {
    // An explicit empty value (`--week ''`) is a mistake, never a request for the default.
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new InputError(`option --${name} is empty\n${usage}`);
  }
  return parsed;
}
