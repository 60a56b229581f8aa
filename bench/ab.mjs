// Interleaved A/B of two builds of svcsim on the reference model: rounds of "A then B" (the order
// swapped every other round), so a busy spell of the machine hits both alike. For each build and
// request count: best and median of the whole-process wall time and of CPU time (user + system,
// from GNU time, which counts less of the time spent waiting for a core on a loaded machine), peak
// RSS, the steady state per million requests ((t10M - t1M) / 9), and the median of the per-round
// ratios B / A. Prints a Markdown table.
// Usage: node bench/ab.mjs --a <checkout> --b <checkout> [--rounds 7] [--requests 1e6,1e7]
// (each checkout built: `npm run build`; the default B is this checkout).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const builds = [
  { label: 'A', dir: resolve(arg('--a', '')) },
  { label: 'B', dir: resolve(arg('--b', join(here, '..'))) },
];
if (!process.argv.includes('--a')) throw new Error('usage: node bench/ab.mjs --a <checkout> [--b <checkout>] [--rounds 7] [--requests 1e6,1e7]');
const rounds = Number(arg('--rounds', '7'));
const counts = arg('--requests', '1e6,1e7').split(',').map(Number);
const scenario = join(here, 'reference.yaml');
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS; // as in run.mjs

function runOnce(build, requests) {
  const out = mkdtempSync(join(tmpdir(), 'svcsim-ab-'));
  try {
    const timeFile = join(out, 'time.txt');
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, process.execPath, join(build.dir, 'dist', 'svcsim.cjs'),
      'run', scenario, '--requests', String(requests), '--no-progress', '--out', join(out, 'results')], { env, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${build.dir}: exit ${r.status}: ${r.stderr}`);
    const [rssKb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    return { wall, cpu: user + sys, rssKb, load: loadavg()[0] };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const runs = [];
for (let round = 0; round < rounds; round++) {
  for (const requests of counts) {
    for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
      const r = { build: build.label, requests, round, ...runOnce(build, requests) };
      runs.push(r);
      console.error(`round ${round + 1}/${rounds} ${build.label} ${requests}: ${r.wall.toFixed(3)} s wall, ${r.cpu.toFixed(2)} s CPU, load ${r.load.toFixed(1)}`);
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const of = (label, requests) => runs.filter((r) => r.build === label && r.requests === requests);
const stat = (label, requests, key) => {
  const xs = of(label, requests).map((r) => r[key]);
  return { best: Math.min(...xs), median: median(xs) };
};
const ratio = (requests, key) => median(of('B', requests).map((b) => b[key] / of('A', requests).find((a) => a.round === b.round)[key]));
const f = (x) => x.toFixed(3);

const lines = [
  `A: ${builds[0].dir}; B: ${builds[1].dir}. ${rounds} interleaved rounds; 1-minute load average during the runs: median ${median(runs.map((r) => r.load)).toFixed(1)} (${Math.min(...runs.map((r) => r.load)).toFixed(1)} to ${Math.max(...runs.map((r) => r.load)).toFixed(1)}) on ${cpus().length} cores.`,
  '',
  '| requests | build | wall best | wall median | CPU best | CPU median | peak RSS | B / A wall (median of rounds) | B / A CPU |',
  '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
];
for (const requests of counts) {
  for (const { label } of builds) {
    const w = stat(label, requests, 'wall');
    const c = stat(label, requests, 'cpu');
    const rss = Math.max(...of(label, requests).map((r) => r.rssKb)) / 1024;
    const ratios = label === 'B' ? `${ratio(requests, 'wall').toFixed(3)} | ${ratio(requests, 'cpu').toFixed(3)}` : ' | ';
    lines.push(`| ${requests.toLocaleString('en-US')} | ${label} | ${f(w.best)} s | ${f(w.median)} s | ${f(c.best)} s | ${f(c.median)} s | ${rss.toFixed(0)} MB | ${ratios} |`);
  }
}
if (counts.length === 2) {
  const [small, large] = counts;
  const per = (label, key, which) => (stat(label, large, key)[which] - stat(label, small, key)[which]) / ((large - small) / 1e6);
  lines.push('', `Steady state per million requests, (t${large / 1e6}M - t${small / 1e6}M) / ${(large - small) / 1e6}:`, '');
  lines.push('| build | wall, from bests | wall, from medians | CPU, from bests | CPU, from medians |', '|---|---:|---:|---:|---:|');
  for (const { label } of builds) {
    lines.push(`| ${label} | ${f(per(label, 'wall', 'best'))} s | ${f(per(label, 'wall', 'median'))} s | ${f(per(label, 'cpu', 'best'))} s | ${f(per(label, 'cpu', 'median'))} s |`);
  }
}
console.log(lines.join('\n'));
