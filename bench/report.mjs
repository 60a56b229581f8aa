// The report of a 24-variant study (bench/report-sweep.yaml: 12 replica counts x 2 policies, 3
// replications, an objective, a time series): its size, and how long `svcsim report DIR` takes,
// the whole process from start to finish, over several rounds. Wall time, and CPU time (user +
// system, from GNU time: on a shared machine it counts less of the time spent waiting for a core)
// with the load average, since this machine is shared. The study is run once first.
// Usage: npm run build && node bench/report.mjs [--rounds 7]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'dist', 'svcsim.cjs');
const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Number(process.argv[i + 1]) : 7;
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS; // as in run.mjs
const gnuTime = existsSync('/usr/bin/time');

const work = mkdtempSync(join(tmpdir(), 'svcsim-report-bench-'));
try {
  const out = join(work, 'report-sweep');
  const run = spawnSync(process.execPath, [bin, 'run', join(here, 'report-sweep.yaml'), '--out', out, '--no-progress'], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`svcsim run: exit ${run.status}: ${run.stderr}`);
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const timeFile = join(work, 'time.txt');
    const load = loadavg()[0];
    const t0 = process.hrtime.bigint();
    const args = [process.execPath, bin, 'report', out];
    const p = gnuTime ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, ...args], { env, encoding: 'utf8' })
      : spawnSync(args[0], args.slice(1), { env, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    if (p.status !== 0) throw new Error(`svcsim report: exit ${p.status}: ${p.stderr}`);
    const [rssKb, user, sys] = gnuTime ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
    samples.push({ wall, cpu: user + sys, rssMb: rssKb / 1024, load });
  }
  const html = join(out, 'report.html');
  const sorted = (k) => samples.map((s) => s[k]).sort((a, b) => a - b);
  const median = (k) => sorted(k)[Math.floor(samples.length / 2)];
  const f = (x) => x.toFixed(2);
  console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}`);
  console.log(`report.html: ${statSync(html).size} bytes (${(statSync(html).size / 2 ** 20).toFixed(2)} MiB), ${readFileSync(html, 'utf8').match(/<figure/g).length} charts`);
  console.log(`svcsim report, ${rounds} rounds: wall best ${f(sorted('wall')[0])} s, median ${f(median('wall'))} s; `
    + `CPU best ${f(sorted('cpu')[0])} s, median ${f(median('cpu'))} s; peak RSS ${Math.round(median('rssMb'))} MB; `
    + `1-minute load average ${f(Math.min(...sorted('load')))} to ${f(Math.max(...sorted('load')))}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
