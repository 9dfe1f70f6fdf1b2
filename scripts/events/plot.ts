// The precision-recall plot of the event decision per language: an SVG chart, rasterised to PNG by headless
// Chromium (Debian's, through playwright-core, as the browser tests use it). Returns false when there is no Chromium.
import { existsSync, writeFileSync } from 'node:fs';

type Curve = Record<string, Array<{ threshold: number; precision: number; recall: number }>>;
const COLOURS = ['#000000', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function prSvg(curves: Curve, title: string): string {
  const W = 640, H = 480, L = 60, B = 50, R = 150, T = 40;
  const x = (r: number) => L + r * (W - L - R), y = (p: number) => H - B - p * (H - B - T);
  const axes = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => `<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#eee"/><line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/><text x="${x(v)}" y="${y(0) + 18}" text-anchor="middle">${v}</text><text x="${x(0) - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`).join('');
  const lines = Object.entries(curves).map(([lang, pts], i) => {
    const kept = pts.filter((p) => p.precision > 0 || p.recall > 0);
    const d = kept.map((p, k) => `${k ? 'L' : 'M'}${x(p.recall).toFixed(1)},${y(p.precision).toFixed(1)}`).join(' ');
    const c = COLOURS[i % COLOURS.length];
    return `<path d="${d}" fill="none" stroke="${c}" stroke-width="${lang === 'all' ? 3 : 1.5}"/><text x="${W - R + 20}" y="${T + 20 + 20 * i}" fill="${c}">${lang}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="#fff"/>${axes}<text x="${W / 2 - 40}" y="${T - 15}" text-anchor="middle" font-size="14">${title}</text><text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">recall</text><text x="15" y="${H / 2}" transform="rotate(-90 15 ${H / 2})" text-anchor="middle">precision</text>${lines}</svg>`;
}

export async function writePrPlot(curves: Curve, pngPath: string, title = 'Event decision on the test split: precision against recall, by language'): Promise<boolean> {
  const svg = prSvg(curves, title);
  writeFileSync(pngPath.replace(/\.png$/, '.svg'), svg);
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(exe)) return false;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
    await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: pngPath });
  } finally {
    await browser.close();
  }
  return true;
}
