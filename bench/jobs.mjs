// --jobs 2 against --jobs 1 (issue 15): whole `svcsim run` processes on two studies, the seed
// scenario's 2 variants x 1M requests and a 16-task study (2 variants x 8 replications x 200k
// requests), in interleaved rounds (the order of the two swapped every other round, so a busy
// spell of a shared machine hits both alike). Per study and --jobs: median and best wall time,
// median CPU time (user + system, from GNU time), median peak RSS of the whole process (worker
// threads included), the median of the per-round speed-ups, and the load average around the
// runs; every round also checks that both wrote identical files (run.json but its command line
// and wall time). Prints a Markdown section and puts it into bench/RESULTS.md between the
// markers (bench/run.mjs keeps it).
// Usage: npm run build && node bench/jobs.mjs [--rounds 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg('--rounds', '7'));
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS; // as in run.mjs: the CLI makes no connections
const seed = join(repo, 'scenarios', 'seed-two-nodes.yaml');
const studies = [
  { name: 'seed scenario, 2 variants x 1M requests', args: ['run', seed, '--requests', '1000000'] },
  { name: '16-task study: 2 variants x 8 replications x 200k requests', args: ['run', seed, '--requests', '200000', '--replications', '8'] },
];
const JOBS = [1, 2];

function runOnce(study, jobs, out) {
  const timeFile = join(out, `time-${jobs}.txt`);
  const load = loadavg()[0];
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, process.execPath, join(repo, 'dist', 'svcsim.cjs'),
    ...study.args, '--jobs', String(jobs), '--no-progress', '--out', join(out, `jobs-${jobs}`)], { env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`--jobs ${jobs}: exit ${r.status}: ${r.stderr}`);
  const [rssKb, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rssKb, load: (load + loadavg()[0]) / 2 };
}

/** The two result folders hold the same files, byte for byte, but run.json's command line and wall time. */
function sameFiles(out) {
  const [a, b] = JOBS.map((j) => join(out, `jobs-${j}`));
  const names = readdirSync(a).sort();
  if (names.join() !== readdirSync(b).sort().join()) return false;
  const strip = (text) => JSON.stringify({ ...JSON.parse(text), commandLine: undefined, wallTimeSeconds: undefined });
  return names.every((n) => {
    const [x, y] = [readFileSync(join(a, n), 'utf8'), readFileSync(join(b, n), 'utf8')];
    return n === 'run.json' ? strip(x) === strip(y) : x === y;
  });
}

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const runs = [];
for (let round = 0; round < rounds; round++) {
  for (const study of studies) {
    const out = mkdtempSync(join(tmpdir(), 'svcsim-jobs-'));
    try {
      const row = { study: study.name, round };
      for (const jobs of round % 2 === 0 ? JOBS : [...JOBS].reverse()) row[jobs] = runOnce(study, jobs, out);
      row.identical = sameFiles(out);
      runs.push(row);
      console.error(`round ${round + 1}/${rounds} ${study.name}: --jobs 1 ${row[1].wall.toFixed(2)} s, --jobs 2 ${row[2].wall.toFixed(2)} s `
        + `(${(row[1].wall / row[2].wall).toFixed(2)}x), load ${row[1].load.toFixed(1)}/${row[2].load.toFixed(1)}, identical ${row.identical}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
}

const f = (x, d = 2) => x.toFixed(d);
const lines = [
  '<!-- jobs:begin (bench/jobs.mjs writes this section) -->',
  '## All cores: `--jobs 2` against `--jobs 1` (issue 15)',
  '',
  `\`node bench/jobs.mjs --rounds ${rounds}\` on ${new Date().toISOString()}: ${cpus()[0]?.model ?? 'unknown CPU'}, `
    + `${availableParallelism()} cores (available parallelism), ${f(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}. `
    + 'Whole processes, interleaved rounds. Seconds; peak RSS of the whole process, worker threads included.',
  '',
  '| study | jobs | wall median | wall best | CPU median | peak RSS median | load average (1 min) median, min-max | speed-up (median of rounds) | best / best | files identical |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
];
for (const study of studies) {
  const rs = runs.filter((r) => r.study === study.name);
  for (const jobs of JOBS) {
    const w = rs.map((r) => r[jobs].wall);
    const loads = rs.map((r) => r[jobs].load);
    const speedup = jobs === 1 ? '' : `${f(median(rs.map((r) => r[1].wall / r[2].wall)))}x`;
    const bestRatio = jobs === 1 ? '' : `${f(Math.min(...rs.map((r) => r[1].wall)) / Math.min(...w))}x`;
    lines.push(`| ${study.name} | ${jobs} | ${f(median(w))} | ${f(Math.min(...w))} | ${f(median(rs.map((r) => r[jobs].cpu)))} | `
      + `${f(median(rs.map((r) => r[jobs].rssKb)) / 1024, 0)} MB | ${f(median(loads), 1)}, ${f(Math.min(...loads), 1)}-${f(Math.max(...loads), 1)} | `
      + `${speedup} | ${bestRatio} | ${jobs === 1 ? '' : rs.every((r) => r.identical) ? `yes, all ${rs.length} rounds` : 'NO'} |`);
  }
}
lines.push('<!-- jobs:end -->');
const section = lines.join('\n');
console.log(section);
const file = join(here, 'RESULTS.md');
const text = readFileSync(file, 'utf8');
const block = /<!-- jobs:begin[\s\S]*?<!-- jobs:end -->/;
writeFileSync(file, block.test(text) ? text.replace(block, section) : `${text.trimEnd()}\n\n${section}\n`);
