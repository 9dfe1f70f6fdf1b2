import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDigestConfig } from '../../../src/digest/config.ts';
import { ConfigError } from '../../../src/errors.ts';

const dirs: string[] = [];
function withYaml(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-digest-cfg-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'digest.yaml'), text);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BASE = ['time_zone: Asia/Shanghai', 'schedule:', '  weekday: sunday', '  hour: 18', 'from: "Radar <radar@example.com>"'];

describe('config/digest.yaml', () => {
  it('loads the shipped file', () => {
    const c = loadDigestConfig();
    expect(c.timeZone).toBe('Europe/Berlin');
    expect(c.schedule).toEqual({ weekday: 1, hour: 8 });
    expect(['note', 'skip']).toContain(c.emptyWeek);
  });

  it('maps weekdays to ISO numbers and fills defaults', () => {
    const c = loadDigestConfig(withYaml([...BASE, 'recipients:', '  - a@example.com', '  - { email: b@example.com, name: Bee }'].join('\n')));
    expect(c.schedule).toEqual({ weekday: 7, hour: 18 });
    expect(c.recipients).toEqual([{ email: 'a@example.com', name: null }, { email: 'b@example.com', name: 'Bee' }]);
    expect(c).toMatchObject({ optedInUsers: true, emptyWeek: 'note', reviewUrl: null });
  });

  it('takes the review UI link from RADAR_PUBLIC_URL first, then review_url, and refuses a public URL that is not http(s)', () => {
    const dir = withYaml([...BASE, 'review_url: "https://old.radar.test/"'].join('\n'));
    expect(loadDigestConfig(dir, {}).reviewUrl).toBe('https://old.radar.test/');
    expect(loadDigestConfig(dir, { RADAR_PUBLIC_URL: 'https://radar.radar.test' }).reviewUrl).toBe('https://radar.radar.test');
    expect(loadDigestConfig(withYaml(BASE.join('\n')), { RADAR_PUBLIC_URL: '' }).reviewUrl).toBeNull();
    expect(() => loadDigestConfig(dir, { RADAR_PUBLIC_URL: 'ftp://radar.radar.test' })).toThrow(/RADAR_PUBLIC_URL "ftp:\/\/radar\.radar\.test": not an http\(s\) URL/);
  });

  it('names the file, key and line of a bad value', () => {
    const bad = (lines: string[]) => () => loadDigestConfig(withYaml(lines.join('\n')));
    expect(bad(['time_zone: Mars/Olympus', ...BASE.slice(1)])).toThrow(/digest\.yaml:1: key "time_zone": not an IANA time zone/);
    expect(bad([...BASE, 'recipients:', '  - not-an-address'])).toThrow(/digest\.yaml:7: key "recipients\.0"/);
    expect(bad([...BASE, 'empty_week: maybe'])).toThrow(/key "empty_week"/);
    expect(bad([...BASE.slice(0, 3), '  hour: 24', BASE[4]!])).toThrow(ConfigError);
  });
});
