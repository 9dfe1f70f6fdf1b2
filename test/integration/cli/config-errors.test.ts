// The `radar` binary as a user meets it: --help answers, and a malformed config file stops a command with one
// message naming the file, the line and the key, before anything is opened or written.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const run = promisify(execFile);
const RADAR = join(PROJECT_DIR, 'bin', 'radar.js');

async function radar(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [RADAR, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function copyConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-config-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  return dir;
}

describe('radar CLI', () => {
  it('lists every command on --help', async () => {
    const out = await radar(['--help']);
    expect(out.code).toBe(0);
    for (const cmd of ['migrate', 'ingest', 'run', 'serve', 'extract', 'ner', 'digest', 'users', 'reprocess']) expect(out.stdout).toContain(cmd);
  });

  it('refuses an unknown command with exit 2', async () => {
    const out = await radar(['frobnicate']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('unknown command "frobnicate"');
  });

  it('accepts the shipped config folder', async () => {
    const out = await radar(['config:check']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/feeds\.yaml: \d+ feeds/);
  });

  it('names the file, line and key of a bad value, and opens no database', async () => {
    const dir = copyConfig();
    const feeds = join(dir, 'feeds.yaml');
    writeFileSync(feeds, readFileSync(feeds, 'utf8').replace(/intervalMinutes: 60/, 'intervalMinutes: often'));
    const dataDir = mkdtempSync(join(tmpdir(), 'radar-data-'));
    const out = await radar(['ingest', '--config', dir], { RADAR_DATA_DIR: join(dataDir, 'd'), DATABASE_URL: '' });
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(new RegExp(`${feeds}:\\d+: key "defaults\\.intervalMinutes"`));
    expect(existsSync(join(dataDir, 'd'))).toBe(false);
  });

  it('names the file and position of broken YAML in the knowledge base', async () => {
    const dir = copyConfig();
    const firms = join(dir, 'kb', 'firms.yaml');
    writeFileSync(firms, `${readFileSync(firms, 'utf8')}\n  - { id: broken, name: [unclosed\n`);
    const out = await radar(['config:check', '--config', dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${firms}:`);
    expect(out.stderr).toContain('invalid YAML');
  });

  it('names an unknown option in one line plus the command\'s usage, exit 2, no stack (issue 13 item 14)', async () => {
    for (const command of ['ingest', 'digest', 'extract', 'users', 'migrate']) {
      const out = await radar([command, '--bogus']);
      expect(out.code, command).toBe(2);
      const lines = out.stderr.trim().split('\n');
      expect(lines[0], command).toBe('radar: unknown option "--bogus"');
      expect(lines[1], command).toMatch(new RegExp(`^usage: radar ${command}\\b`));
      expect(out.stderr, command).not.toMatch(/TypeError|\n\s+at /);
    }
  });

  it('refuses a --week value that looks like an option, and an empty --week (issue 13 item 14)', async () => {
    const dashed = await radar(['digest', '--week', '-2025-W01']);
    expect(dashed.code).toBe(2);
    expect(dashed.stderr.split('\n')[0]).toBe('radar: option --week needs a value (one that starts with "-" is written --week=VALUE)');
    expect(dashed.stderr).not.toMatch(/TypeError|\n\s+at /);
    const dataDir = mkdtempSync(join(tmpdir(), 'radar-data-'));
    const empty = await radar(['digest', '--week', ''], { RADAR_DATA_DIR: join(dataDir, 'd'), DATABASE_URL: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr.split('\n')[0]).toBe('radar: option --week is empty');
    expect(existsSync(join(dataDir, 'd'))).toBe(false);
  });

  it('prints a command\'s usage on --help with exit 0', async () => {
    const out = await radar(['ingest', '--help']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^usage: radar ingest /);
  });
});
