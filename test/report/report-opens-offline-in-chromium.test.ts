import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../support/run-cli.js';
import { runInto, SMALL_PLAN, writeSeedSweep } from '../support/report-results.js';
import { TempDirs } from '../support/temp-dirs.js';

// Debian's chromium (.ci/run installs it); CHROMIUM names another.
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
// SVCSIM_SCREENSHOTS=DIR writes the top of each page there as report-NAME.png (docs/report-seed.png is in the README).
const screenshots = process.env.SVCSIM_SCREENSHOTS;

const temp = new TempDirs();
let browser: Browser;
const reports: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM`);
  browser = await chromium.launch({ executablePath });
  const dir = temp.make();
  reports.seed = await runInto(join(dir, 'seed-two-nodes'), 'scenarios/seed-two-nodes.yaml', '--report');
  reports.fault = await runInto(join(dir, 'node-failure'), 'scenarios/node-failure.yaml', '--report');
  reports.sweep = await runInto(join(dir, 'seed-sweep'), writeSeedSweep(dir), '--requests', '2000', '--report');
  reports.plan = join(dir, 'plan-seed-plan');
  const plan = await cli(...SMALL_PLAN, '--out', reports.plan, '--report');
  if (plan.code !== 0) throw new Error(plan.err);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  temp.removeAll();
});

const CHARTS = {
  seed: ['pod-share', 'latency', 'pod-utilization', 'nodes', 'hops', 'time-series'],
  fault: ['pod-share', 'latency', 'pod-utilization', 'nodes', 'hops', 'time-series'],
  plan: ['plan'],
  sweep: ['sweep-replicas', 'pod-share', 'latency', 'pod-utilization', 'nodes', 'hops', 'time-series'],
};

describe.each(Object.keys(CHARTS) as Array<keyof typeof CHARTS>)('the %s report', (name) => {
  test('opens from file:// with no console error, no request leaving the page, every chart drawn with a size', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const url = pathToFileURL(join(reports[name], 'report.html')).href;
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    // Anything but the page itself is refused, and recorded above.
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: 'load' });
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const sizes = await page.$$eval('figure[data-chart]', (figures) => figures.map((f) => {
      const svg = f.querySelector('svg')!.getBoundingClientRect();
      return { id: f.getAttribute('data-chart'), width: svg.width, height: svg.height };
    }));
    expect(sizes.map((s) => s.id)).toEqual(CHARTS[name]);
    for (const s of sizes) expect(s.width * s.height, s.id!).toBeGreaterThan(100 * 100);
    expect(await page.$$eval('script, link, img, iframe, object', (e) => e.length)).toBe(0);
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    // The top of the page: the comparison and the share per pod (and for a sweep, its curves).
    if (screenshots) await page.screenshot({ path: join(screenshots, `report-${name}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 1200 } });
    await page.close();
  });
});

test('the page follows a dark theme and prints', async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(reports.seed, 'report.html')).href);
  const colours = () => page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    axis: getComputedStyle(document.querySelector('figure svg .role-axis-label text')!).fill,
  }));
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await colours()).toEqual({ body: 'rgb(255, 255, 255)', axis: 'rgb(29, 31, 33)' });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await colours()).toEqual({ body: 'rgb(21, 23, 26)', axis: 'rgb(230, 230, 230)' });
  // Print is black on white whatever the theme.
  await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
  expect(await colours()).toEqual({ body: 'rgb(255, 255, 255)', axis: 'rgb(0, 0, 0)' });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.close();
});

test.each(['fault', 'plan'])('svcsim report rebuilds the very report.html that %s --report wrote, from the folder alone', async (name) => {
  const dir = reports[name];
  const written = readFileSync(join(dir, 'report.html'), 'utf8');
  const r = await cli('report', dir);
  expect(r).toEqual({ code: 0, out: `Wrote ${join(dir, 'report.html')}\n`, err: '' });
  expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(written);
  // The page names nothing to fetch: the only URLs are the SVG namespaces.
  expect(written.match(/https?:\/\/[^"' )]+/g)!.filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
});
