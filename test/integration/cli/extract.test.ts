// `radar extract` as users run it (bin/radar.js, the built copy): every config file comes from --config DIR and is
// validated at start (issue 13 item 11), input that is not text or HTML is refused by name (item 16), and a URL goes
// through the one guarded HTTP client with fetch.yaml's policy, while a single page gets the batch's time budget (item 1).
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../../../src/config/load.ts';
import { body, startTestServer, type TestServer } from '../../helpers/http-server.ts';
import { PROJECT_DIR } from '../../helpers/shared.ts';

const run = promisify(execFile);
const RADAR = join(PROJECT_DIR, 'bin', 'radar.js');
const ARTICLE = 'Acme Robotics to hire 200 engineers in Madrid\n\nAcme Robotics is hiring 200 engineers in Madrid, the company said on Monday.\n';

async function radar(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [RADAR, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
const copyConfig = (name: string): string => {
  const out = join(dir, name);
  cpSync(DEFAULT_CONFIG_DIR, out, { recursive: true });
  return out;
};
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radar-extract-cli-'));
});

describe('radar extract --config DIR (issue 13 item 11)', () => {
  it('finds an export-control term that only the chosen folder\'s lexicon has', async () => {
    const config = copyConfig('config-term');
    const lexicon = join(config, 'lexicons', 'export-controls.yaml');
    writeFileSync(lexicon, readFileSync(lexicon, 'utf8').replace('strong: [Entity List, entity list,', 'strong: [zorblax quota, Entity List, entity list,'));
    const text = file('zorblax.txt', 'Acme Robotics and the zorblax quota\n\nThe zorblax quota will apply to Acme Robotics from March, officials said on Monday.\n');
    const out = await radar(['extract', text, '--config', config]);
    expect(out.code, out.stderr).toBe(0);
    const spans = (JSON.parse(out.stdout) as { exportControls: Array<{ text: string }> }).exportControls.map((s) => s.text.toLowerCase());
    expect(spans).toContain('zorblax quota');
  });

  it('fails at start, naming the file, when the chosen folder\'s export-control lexicon is invalid', async () => {
    const config = copyConfig('config-broken');
    const lexicon = join(config, 'lexicons', 'export-controls.yaml');
    writeFileSync(lexicon, readFileSync(lexicon, 'utf8').replace('maxGapChars: 90', 'maxGapChars: -5'));
    const out = await radar(['extract', file('plain.txt', ARTICLE), '--config', config]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${lexicon}:`);
    expect(out.stderr).toContain('maxGapChars');
  });
});

describe('radar extract refuses input that is not text or HTML (issue 13 item 16)', () => {
  it('names a PDF as a PDF', async () => {
    const pdf = file('report.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(2000, 0x41)]));
    const out = await radar(['extract', pdf]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim()).toBe(`radar: ${pdf}: not text or HTML: it looks like a PDF document`);
  });

  it('names binary data without a known signature, in single and batch mode', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const blob = file('blob.html', bytes);
    const single = await radar(['extract', blob]);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain(`${blob}: not text or HTML: it looks like binary data`);
    const batchDir = join(dir, 'batch');
    mkdirSync(batchDir);
    writeFileSync(join(batchDir, 'blob.html'), bytes);
    writeFileSync(join(batchDir, 'article.txt'), ARTICLE);
    const batch = await radar(['extract', '--batch', batchDir]);
    expect(batch.code, batch.stderr).toBe(0);
    const lines = batch.stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: string; error?: string; text?: string });
    expect(lines.find((l) => l.source.endsWith('blob.html'))?.error).toMatch(/not text or HTML: it looks like binary data/);
    expect(lines.find((l) => l.source.endsWith('article.txt'))?.text).toContain('Acme Robotics');
  });
});

describe('radar extract URL goes through the guarded HTTP client (issue 13 item 1)', () => {
  let server: TestServer;
  let allowed: string;
  const page = `<html><head><title>Acme hires</title></head><body><article><p>${'Acme Robotics is hiring 200 engineers in Madrid. '.repeat(20)}</p></article></body></html>`;

  beforeAll(async () => {
    server = await startTestServer();
    server.on('/story.html', body(page));
    server.on('/big.html', body(`<html><body><p>${'x'.repeat(50_000)}</p></body></html>`));
    server.on('/private/story.html', body(page));
    server.on('/robots.txt', body('User-agent: *\nDisallow: /private/\n', { contentType: 'text/plain' }));
    // The config used for tests: loopback is allowed for this server only, and pages are capped at 20 KB.
    allowed = copyConfig('config-loopback');
    writeFileSync(join(allowed, 'fetch.yaml'), `userAgent: "HiringRadar-test/0.1 (mailto:test@example.org)"\nallowHosts: ["${server.hostPort}"]\nlimits: { maxPageBytes: 20000 }\n`);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a loopback address with the default config, before connecting', async () => {
    const out = await radar(['extract', `${server.origin}/story.html`]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cannot fetch: .*127\.0\.0\.1/);
    expect(out.stderr).toMatch(/allowHosts|loopback|private/i);
    expect(server.hits('/story.html')).toBe(0);
  });

  it('fetches the page when the config allows the host, and applies its size cap and robots.txt', async () => {
    const ok = await radar(['extract', `${server.origin}/story.html`, '--config', allowed]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { title: string }).title).toBe('Acme hires');
    expect(server.requests.find((r) => r.path === '/story.html')?.headers['user-agent']).toContain('HiringRadar-test');

    const big = await radar(['extract', `${server.origin}/big.html`, '--config', allowed]);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/larger than 20000 bytes/);

    const disallowed = await radar(['extract', `${server.origin}/private/story.html`, '--config', allowed]);
    expect(disallowed.code).toBe(2);
    expect(disallowed.stderr).toMatch(/robots\.txt/);
    expect(server.hits('/private/story.html')).toBe(0);
  });

  it('stops a single page over the time budget, as --batch does', async () => {
    // Far more text than can be cleaned and extracted within 1 ms, whatever the machine.
    const long = file('long.txt', `Acme Robotics expands\n\n${ARTICLE.repeat(400)}`);
    const out = await radar(['extract', long, '--timeout-ms', '1']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${long}: clean/extract stopped: over the 1 ms time budget (--timeout-ms sets the budget)`);
  });
});
