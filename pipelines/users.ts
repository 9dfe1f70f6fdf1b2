// `radar users add EMAIL --role analyst|admin` (password from RADAR_PASSWORD, else asked twice on the terminal
// without echo), `radar users list`, and `radar users digest EMAIL on|off` (the weekly digest opt-in).
import { createUser, listUsers, ROLES, setDigestOptIn, type Role } from '../src/auth/users.ts';
import { parseCommandArgs } from '../src/cli-args.ts';
import { openDatabase } from '../src/db/client.ts';
import { loadDigestConfig } from '../src/digest/config.ts';
import { InputError } from '../src/errors.ts';

/** Reads one line from the terminal without echoing it. */
export function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolveLine, reject) => {
    if (!input.isTTY) {
      reject(new InputError('no terminal to ask for the password: set RADAR_PASSWORD'));
      return;
    }
    output.write(question);
    let line = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (err: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (err) reject(err);
      else resolveLine(line);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
        if (ch === '\u0003') return done(new InputError('cancelled'));
        if (ch === '\u007f' || ch === '\b') line = line.slice(0, -1);
        else if (ch >= ' ') line += ch;
      }
    };
    input.on('data', onData);
  });
}

async function passwordFor(email: string): Promise<string> {
  if (process.env.RADAR_PASSWORD) return process.env.RADAR_PASSWORD;
  const first = await promptHidden(`password for ${email}: `);
  const second = await promptHidden('again: ');
  if (first !== second) throw new InputError(`the two passwords for ${email} differ`);
  return first;
}

const USAGE = 'usage: radar users add EMAIL --role analyst|admin   |   radar users list   |   radar users digest EMAIL on|off';

/** The one line `radar users digest` adds when digest.yaml would ignore the choice. */
function optInNote(configDir: string | undefined): string | null {
  return loadDigestConfig(configDir).optedInUsers ? null : 'note: digest.yaml has opted_in_users: false, so no opted-in user is mailed until it is true';
}

/** Entry point for `radar users`. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(USAGE, { args: argv, options: { role: { type: 'string' }, config: { type: 'string' } }, allowPositionals: true });
  const [sub, email, ...extra] = positionals;
  if (sub === 'add') {
    const role = values.role ?? 'analyst';
    if (!email || extra.length) throw new InputError(USAGE);
    if (!(ROLES as readonly string[]).includes(role)) throw new InputError(`--role "${role}" is not one of ${ROLES.join(', ')}`);
    const password = await passwordFor(email);
    const database = await openDatabase({ purpose: 'radar users' });
    try {
      const user = await createUser(database.db, { email, password, role: role as Role });
      console.log(`created ${user.role} ${user.email} (id ${user.id})`);
    } finally {
      await database.close();
    }
    return 0;
  }
  if (sub === 'list') {
    const database = await openDatabase({ purpose: 'radar users' });
    try {
      console.log(['id', 'email', 'role', 'state', 'digest', 'created'].join('\t'));
      for (const u of await listUsers(database.db)) {
        console.log([u.id, u.email, u.role, u.disabled ? 'disabled' : 'active', u.digestOptIn ? 'on' : 'off', u.createdAt.toISOString()].join('\t'));
      }
    } finally {
      await database.close();
    }
    return 0;
  }
  if (sub === 'digest') {
    const [choice, ...rest] = extra;
    if (!email || rest.length || (choice !== 'on' && choice !== 'off')) throw new InputError(`radar users digest: expected EMAIL on|off; ${USAGE}`);
    const note = optInNote(values.config);
    const database = await openDatabase({ purpose: 'radar users' });
    try {
      const user = await setDigestOptIn(database.db, email, choice === 'on');
      console.log(`weekly digest ${user.digestOptIn ? 'on' : 'off'} for ${user.email}`);
      if (note && user.digestOptIn) console.log(note);
    } finally {
      await database.close();
    }
    return 0;
  }
  console.error(USAGE);
  return 2;
}
