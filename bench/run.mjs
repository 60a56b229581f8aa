// Runs every benchmark in `benchmarks` as a child process, keeps the best of its repeats, and
// writes bench/RESULTS.md. Run through `npm run bench`, which builds dist/ first.
//
// To add a benchmark: append an entry to `benchmarks` (its script prints one JSON line on
// stdout), and a row to `comparisons` if it has a baseline to be measured against.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const out = join(here, 'out');
const referenceSource = resolve(repo, '../shared/reference/des_cpp.cpp');
const cppBinary = join(out, 'des_cpp');
const REQUESTS = '1000000';

/**
 * name: the key in the results; command(): argv, or null when the benchmark cannot run here
 * (its `skip` says why); prepare(): run once before the first repeat; repeats: the best
 * (shortest wall time) of them is kept.
 */
const benchmarks = [
  {
    name: 'engine-hold',
    description: 'hold model, 1k and 1M events pending',
    command: () => [process.execPath, join(here, 'engine-hold.mjs')],
    repeats: 1,
  },
  {
    name: 'reference-direct',
    description: `reference model on Simulator + Station + LatencyHistogram, ${REQUESTS} requests`,
    command: () => [process.execPath, join(here, 'reference-direct.mjs'), '--requests', REQUESTS],
    repeats: 3,
  },
  {
    name: 'svcsim-cli',
    description: `npx svcsim run bench/reference.yaml (${REQUESTS} requests): parsing, building, simulation, statistics, CSV`,
    command: () => [process.execPath, join(repo, 'dist', 'svcsim.cjs'), 'run', join(here, 'reference.yaml'),
      '--json', '--no-progress', '--out', join(out, 'reference')],
    repeats: 3,
  },
  {
    name: 'scaling',
    description: 'svcsim run on the reference model: 1e5, 1e6, 1e7 requests (8 pods); 8, 80, 800 pods (1e6 requests)',
    command: () => [process.execPath, join(here, 'scaling.mjs')],
    repeats: 1,
  },
  {
    name: 'des_cpp',
    description: `C++ reference (g++ -O2 -march=native), --pfwd 0.75 --requests ${REQUESTS}`,
    prepare: buildCpp,
    command: () => (existsSync(cppBinary) ? [cppBinary, '--pfwd', '0.75', '--requests', REQUESTS] : null),
    skip: 'g++ or ../shared/reference/des_cpp.cpp not found',
    repeats: 3,
  },
];

/** subject / baseline whole-process wall time, with the ratio we aim for. */
const comparisons = [
  { subject: 'reference-direct', baseline: 'des_cpp', target: 2 },
  { subject: 'svcsim-cli', baseline: 'des_cpp', target: 3 },
];

function buildCpp() {
  if (!existsSync(referenceSource)) return;
  try {
    execFileSync('g++', ['-O2', '-march=native', '-o', cppBinary, referenceSource], { stdio: 'inherit' });
  } catch (e) {
    console.error(`could not build ${referenceSource}: ${e.message}`);
  }
}

// Node parses the whole CA bundle at start-up when NODE_EXTRA_CA_CERTS is set (about 100 ms on
// the development machine); the simulator never opens a TLS connection, so children run without it.
const childEnv = { ...process.env };
delete childEnv.NODE_EXTRA_CA_CERTS;

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One run: wall time measured here around the whole child process, peak RSS from GNU time. */
function runOnce(argv) {
  const rssFile = join(out, 'rss.txt');
  const full = gnuTime ? [gnuTime, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full.slice(1), { env: childEnv, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  // Benchmarks print one JSON line last; the CLI's --json prints one pretty JSON document.
  const text = r.stdout.trim();
  const json = text.startsWith('{\n') ? JSON.parse(text) : JSON.parse(text.split('\n').pop());
  let rssKb = json.maxrss_kb;
  if (gnuTime) {
    rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    rmSync(rssFile);
  }
  return { wall, rssKb, json };
}

function main() {
  mkdirSync(out, { recursive: true });
  const runs = new Map();
  for (const b of benchmarks) {
    b.prepare?.();
    runs.set(b.name, []);
  }
  // Repeats are interleaved (A B C, A B C, ...), so a slow spell of the machine hits all alike.
  const rounds = Math.max(...benchmarks.map((b) => b.repeats));
  for (let round = 0; round < rounds; round++) {
    for (const b of benchmarks) {
      if (round >= b.repeats) continue;
      const argv = b.command();
      if (!argv) continue;
      const r = runOnce(argv);
      runs.get(b.name).push(r);
      console.log(`${b.name} #${round + 1}: ${r.wall.toFixed(3)} s, ${(r.rssKb / 1024).toFixed(0)} MB`);
    }
  }
  const best = new Map();
  for (const [name, rs] of runs) {
    if (rs.length > 0) best.set(name, rs.reduce((a, b) => (b.wall < a.wall ? b : a)));
  }
  for (const [name, r] of best) console.log(name, JSON.stringify(r.json));
  const ratios = comparisons.map((c) => {
    const s = best.get(c.subject);
    const b = best.get(c.baseline);
    return { ...c, ratio: s && b ? s.wall / b.wall : NaN };
  });
  for (const c of ratios) {
    console.log(`${c.subject} / ${c.baseline}: ${c.ratio.toFixed(2)}x whole-process wall time (target: within ${c.target}x)`);
  }
  const file = join(here, 'RESULTS.md');
  // Sections written by hand or by other scripts (bench/jobs.mjs's section, A/B studies) sit
  // between <!-- NAME:begin ... --> and <!-- NAME:end --> markers: kept as they were, in order.
  const kept = existsSync(file) ? [...readFileSync(file, 'utf8').matchAll(/<!-- ([\w-]+):begin[\s\S]*?<!-- \1:end -->/g)].map((m) => m[0]) : [];
  writeFileSync(file, [report(runs, best, ratios).trimEnd(), ...kept].join('\n\n') + '\n');
  console.log(`wrote ${relative(process.cwd(), file)}`);
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch { /* not Linux */ }
  return os.cpus()[0]?.model ?? 'unknown';
}

function compilerVersion() {
  try {
    return execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return 'g++ not found';
  }
}

const s = (x) => `${x.toFixed(3)} s`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const millions = (x) => `${(x / 1e6).toFixed(2)} M`;

// Why the figures grow as they do; keep it true when the engine changes.
const SCALING_NOTES = `Requests: after about 0.1 s of start-up, time grows linearly with the number of requests.
Requests in flight live in recycled typed-array slots and every statistic streams (HDR
histograms, bounded batch means). What grows with the length of a run is the time series, a row
per simulated second (10M requests at 560 req/s are 17,858 s, so 17,858 rows), packed 128 bytes
a row into 1024-row pages (src/stats/time-series-table.ts): about 2.3 MB at 10M requests, with no
outgrown copies of a doubling array. timeseries.csv is formatted 128 rows at a time as it is
written, so its text never exists whole (that was 13 MB at 10M), and small pieces keep V8's young
generation small (1024-row pieces doubled it). The rest of the 10M run's extra peak is malloc
memory of V8's helper threads (the compiler optimizing the CSV code, parallel scavenges), which
glibc keeps in per-thread arenas: with MALLOC_ARENA_MAX=1 the 10M peak is 1.06x the 1M peak.
Pods: time per request grows with the log of the number of pending events (about 1.4 per pod
here, so a deeper heap) and, beyond that, with cache misses: each completion is recorded in its
pod's own histogram, and 800 histograms and stations no longer fit in cache. Memory grows by
about 0.1 MB per pod (its histogram and queue). Utilization spreads wider with 800 pods because
each pod sees only 1/800 of 1M requests.`;

// From the last profiling session (2026-11-27); refresh when the hot path changes.
const PROFILE_NOTES = `Profile of \`node --cpu-prof dist/svcsim.cjs run bench/reference.yaml\` (1M requests, self
time, 1.18 s under the profiler, 2026-12-01, the redesigned centre): the station's departure
handler with the completion inlined (ServicePath.answer, the client's answer, the Recorder and the
time series) 18%; the client's \`attempt\` (a new connection: load balancer, kube-proxy, then
ServicePath.send with the entry route's links and zones, the attempt table) 18%; the event loop
with fastpriorityqueue's poll inlined 16%; arrivals (the client's \`arrive\`, the arrival process)
8%; the HDR records (global, per pod, per time-series interval; WebAssembly) 7%; garbage
collection 3%; service times 2.5%; loading the code cache 1.7%; writing the files about 4%.
Not dominated by per-event garbage (event handles are small integers; requests, events and
queues live in typed arrays).

What was removed, measured with interleaved A/B runs (the machine is noisy; best of several).
Earlier:
- The CLI bundle is CommonJS, run through vm.Script with a V8 code cache made at build time
  (src/cli/launcher.cjs): start-up of a 1000-request run 0.21 s -> 0.15 s. yargs' help text is
  no longer rendered after every command (10-13 ms).
- hdr-histogram-js reaches its WebAssembly through AssemblyScript's loader, whose wrapper
  allocates a rest-parameter array per call; LatencyHistogram called the export directly (about
  35 ms per 1M requests). Gone since issue 11: 1.4-1.6% of the run, under the 3% bar.
- The arrival stream waits beside the heap instead of in it: one heap insert and removal fewer
  per request, ties still in scheduling order (goldens unchanged); about 10% of the loop. Since
  issue 11 this is the event queue's aside slot, not a lane of the Simulator.
- TurboFan's cumulative inlining budget is raised from 920 to 4000 bytes of bytecode by the
  launcher, so the data path's large handlers inline their small callees: about 4% of the run.
Then start-up, 1000-request run 0.15 s -> 0.10 s:
- The bin itself is CommonJS (dist/svcsim.cjs): an ES-module entry point starts Node's ESM
  loader, about 5 ms.
- In the bundle (scripts/bundle-plugins.mjs), hdr-histogram-js inflates and decodes its
  WebAssembly with Node's zlib and Buffer rather than pako and base64-js in JavaScript (about
  10 ms), and yargs' and cliui's string-width copies load on first use, for help text, instead of
  building an Intl.Segmenter and an emoji regular expression at every start (about 17 ms).
- No ICU at all in a run (about 9 ms): hdr-histogram-js is imported without its log writer, which
  makes an Intl.NumberFormat when loaded, and console counts are grouped without toLocaleString.
- Result files are written with synchronous calls: fewer thread-pool round trips (about 4 ms).
  The bundle's whitespace is minified (about 4 ms of reading and compiling).
And the warm-up: \`node --trace-deopt\` showed V8 throwing away the optimized data path 16384
completions into every run, when the batch-means size first doubled: a field stored only once is
compiled as a constant. It was stored twice in the constructor (about 20 ms; gone since issue 11,
when it measured nothing at 10M). The time
series' event methods share one rollover check, so no method meets its first rollover in
optimized code.
- Tried and dropped: buffering histogram records to flush them in batches (no gain once the
  wrapper was gone), 32-bit histogram counters, running the loop in slices, a larger inlining
  budget (10000), --no-lazy-feedback-allocation, --always-sparkplug, a lower --interrupt-budget,
  WebAssembly tiering flags (no gain, or a slower start).
The floor: bench/reference-direct.mjs (the same engine, one histogram record, no routing) runs
the loop in about 0.24 s; svcsim's routing realism, two more histogram records and the time series
take the CLI's loop to about 0.34 s per million requests once warm. The first 65536 requests
take about 0.09 s (0.022 s once warm) while V8 compiles and optimizes the data path.`;

function report(runs, best, ratios) {
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs), which keeps the sections between begin and end markers',
    '(HTML comments `NAME:begin` and `NAME:end`) as they are: those are written by hand or by other scripts.',
    'It rewrites the rest. Absolute figures drift from run to run and machine to machine; only ratios',
    'measured in the same run are worth comparing.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node: ${process.version} (V8 ${process.versions.v8})`,
    `- C++ compiler: ${compilerVersion()}`,
    '- Command: `npm run bench`',
    '- Wall time is measured around the whole child process (start-up, module loading, the run, exit);',
    `  peak RSS ${gnuTime ? 'from GNU time' : 'from the process itself'}. Children run without NODE_EXTRA_CA_CERTS (see run.mjs).`,
    '',
  ];
  const node = best.get('reference-direct');
  const cpp = best.get('des_cpp');
  lines.push(`## Reference model, ${Number(REQUESTS) / 1e6}M requests: svcsim engine vs C++ (best of 3)`, '');
  lines.push('| program | wall time | peak RSS | requests/s (event loop) | events/s (event loop) | mean | p99 | mean hops | utilization min / max |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const row = (label, r) => {
    const j = r.json;
    lines.push(`| ${label} | ${s(r.wall)} | ${mb(r.rssKb)} | ${millions(j.requests_per_s)} | ${millions(j.events_per_s)} | ${j.mean_ms.toFixed(3)} ms | ${j.p99_ms.toFixed(1)} ms | ${j.mean_hops.toFixed(3)} | ${j.util_min.toFixed(3)} / ${j.util_max.toFixed(3)} |`);
  };
  if (node) row('bench/reference-direct.mjs (Node)', node);
  if (cpp) row('des_cpp --pfwd 0.75', cpp);
  lines.push('');
  for (const c of ratios) {
    const verdict = Number.isNaN(c.ratio) ? 'not measured' : c.ratio <= c.target ? 'within target' : 'OVER target';
    lines.push(`Ratio ${c.subject} / ${c.baseline}, whole-process wall time: **${Number.isNaN(c.ratio) ? 'n/a' : c.ratio.toFixed(2) + 'x'}** (target: within ${c.target}x; ${verdict}).`, '');
  }
  if (node) {
    const j = node.json;
    const outside = (r) => s(r.wall - r.json.loop_s);
    lines.push(`Event loop alone: Node ${s(j.loop_s)}${cpp ? `, C++ ${s(cpp.json.loop_s)} (ratio ${(j.loop_s / cpp.json.loop_s).toFixed(2)}x)` : ''}.`);
    lines.push(`Outside the loop (start-up, module loading, results, exit): Node ${outside(node)}${cpp ? `, C++ ${outside(cpp)} (mostly sorting 1M latencies for its p99)` : ''}.`);
    lines.push(`Mean latency check: ${j.mean_ms.toFixed(3)} ms +- ${j.mean_ci999_ms.toFixed(3)} ms (99.9% batch means) against ${j.analytic_mean_ms.toFixed(3)} ms analytic: ${j.mean_check === 'ok' ? 'ok, the analytic mean is inside the interval' : 'FAILED, the analytic mean is outside the interval'}.`, '');
  }
  const cli = best.get('svcsim-cli');
  if (cli) {
    const v = cli.json.variants[0];
    // run.json counts the simulated events (the --json summary holds results only).
    const events = JSON.parse(readFileSync(join(out, 'reference', 'run.json'), 'utf8')).variants[0].events;
    lines.push(`## The same model through the real CLI: \`svcsim run bench/reference.yaml\``, '');
    lines.push('| program | wall time | peak RSS | requests/s (whole process) | events/s (whole process) | mean | p99 | mean hops | utilization min / max |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(`| svcsim run (dist/svcsim.cjs) | ${s(cli.wall)} | ${mb(cli.rssKb)} | ${millions(v.requests / cli.wall)} | ${millions(events / cli.wall)} | ${v.latency_mean_ms.toFixed(3)} ms +- ${v.latency_mean_ci95_ms.toFixed(3)} (95%) | ${v.latency_p99_ms.toFixed(1)} ms | ${v.hops_mean.toFixed(3)} | ${v.pod_util_min.toFixed(3)} / ${v.pod_util_max.toFixed(3)} |`);
    lines.push('', 'Analytic: mean 33.483 ms, p99 about 153.5 ms, mean hops 1.75, every pod at utilization 0.7.', '');
  }
  const scaling = best.get('scaling');
  if (scaling) {
    const rows = scaling.json.rows;
    const base = rows.find((r) => r.pods === 8 && r.requests === 1e6);
    lines.push('## Scaling (real CLI, whole process)', '');
    lines.push('| pods | requests | wall time | per 1M requests | peak RSS | RSS vs 8 pods, 1M | mean latency | pod utilization min / max |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      lines.push(`| ${r.pods} | ${r.requests.toLocaleString('en-US')} | ${s(r.wall_s)} | ${s(r.wall_s / (r.requests / 1e6))} | ${mb(r.rss_kb)} | ${(r.rss_kb / base.rss_kb).toFixed(2)}x | ${r.mean_ms.toFixed(3)} ms | ${r.util_min.toFixed(3)} / ${r.util_max.toFixed(3)} |`);
    }
    lines.push('', SCALING_NOTES, '');
  }
  const hold = best.get('engine-hold');
  if (hold) {
    lines.push('## Engine hold model (each event schedules one more; queue size constant)', '');
    lines.push('| events pending | events processed | events/s | setup |');
    lines.push('|---:|---:|---:|---:|');
    for (const r of hold.json.results) lines.push(`| ${r.pending.toLocaleString('en-US')} | ${r.events.toLocaleString('en-US')} | ${millions(r.events_per_s)} | ${s(r.setup_s)} |`);
    lines.push('');
  }
  lines.push('## Profile', '', PROFILE_NOTES, '');
  lines.push('## Every run', '', '| benchmark | description | wall times | peak RSS |', '|---|---|---|---:|');
  for (const b of benchmarks) {
    const rs = runs.get(b.name);
    if (rs.length === 0) { lines.push(`| ${b.name} | ${b.description} | skipped: ${b.skip ?? 'not run'} | |`); continue; }
    lines.push(`| ${b.name} | ${b.description} | ${rs.map((r) => r.wall.toFixed(3)).join(', ')} s | ${mb(Math.max(...rs.map((r) => r.rssKb)))} |`);
  }
  lines.push('');
  return lines.join('\n');
}

main();
