// Paired A/B of two builds' simulation, each build in processes of its own, so each runs under
// its own V8 flags (the ones its launcher sets): pairs of child processes, A then B (the order
// swapped every other pair), each child warming up once and then timing `--runs` runs of the
// reference model through the build's public runScenario; a child reports its fastest run. Prints
// the median of the pairs' ratios B / A with a distribution-free 95% interval (sign-test order
// statistics) and each build's best and median seconds per million requests. Start-up, file
// writing and exit are left out: this is the steady state of the simulation.
// With --cold, each child makes one run and no warm-up, as one process of svcsim does (without its
// start-up and file writing).
// Usage: node bench/ab-steady.mjs --a <checkout> [--b <checkout>] [--pairs 20] [--runs 3 | --cold]
//   [--requests 5e5] [--flags-a "<v8 flags>"] [--flags-b "<v8 flags>"]
// (default flags: the ones each checkout's scripts/build.mjs gives its launcher).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, ratioLine, runPairs, sorted } from './paired-runs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const scenario = join(here, 'reference.yaml');
const requests = Number(arg('--requests', '5e5'));

if (process.argv.includes('--child')) {
  const api = await import(pathToFileURL(join(resolve(arg('--child')), 'dist', 'index.js')).href);
  // Before the redesign runScenario read the files itself; after it, loadScenario does.
  const run = api.loadScenario ? () => api.runScenario(api.loadScenario([scenario], { requests }))
    : () => api.runScenario([scenario], { requests });
  // --cold: the one run a process of svcsim makes, JIT warm-up included; else after a warm-up run.
  if (!process.argv.includes('--cold')) run();
  let best = Infinity;
  for (let i = 0; i < Number(arg('--runs', '3')); i++) {
    const t0 = process.hrtime.bigint();
    const results = run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    if (results.variants[0].completed !== requests) throw new Error(`${results.variants[0].completed} completed`);
  }
  console.log(best);
  process.exit(0);
}

if (!process.argv.includes('--a')) throw new Error('usage: node bench/ab-steady.mjs --a <checkout> [--b <checkout>] [--pairs 20] [--runs 3] [--requests 5e5]');
/** The V8 flags a checkout's launcher sets (named in scripts/build.mjs; before the redesign, in the launcher itself). */
function launcherFlags(dir) {
  const build = readFileSync(join(dir, 'scripts', 'build.mjs'), 'utf8').match(/const v8Flags = '([^']*)'/);
  const launcher = readFileSync(join(dir, 'src', 'cli', 'launcher.cjs'), 'utf8').match(/setFlagsFromString\('([^']*)'\)/);
  return (build ?? launcher ?? [, ''])[1];
}
const builds = ['a', 'b'].map((k) => {
  const dir = resolve(arg(`--${k}`, join(here, '..')));
  return { label: k.toUpperCase(), dir, flags: (arg(`--flags-${k}`) ?? launcherFlags(dir)).split(' ').filter(Boolean) };
});
const pairs = Number(arg('--pairs', '20'));
const seconds = (b) => {
  const runs = process.argv.includes('--cold') ? ['--runs', '1', '--cold'] : ['--runs', arg('--runs', '3')];
  const r = spawnSync(process.execPath, [...b.flags, fileURLToPath(import.meta.url), '--child', b.dir, '--requests', String(requests), ...runs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${b.label}: ${r.stderr}`);
  return Number(r.stdout.trim());
};
const { times, ratios } = runPairs(builds, seconds, pairs);
const perM = (t) => (t / requests) * 1e6;
console.log(process.argv.includes('--cold')
  ? `${pairs} pairs of processes, each one cold run of ${requests.toExponential(0)} requests, JIT warm-up included (node ${process.version})`
  : `${pairs} pairs of processes, each the fastest of ${arg('--runs', '3')} runs of ${requests.toExponential(0)} requests after a warm-up (node ${process.version})`);
console.log('');
console.log('| build | V8 flags | best, s per 1M | median, s per 1M |');
console.log('|---|---|---:|---:|');
for (const b of builds) console.log(`| ${b.label} | ${b.flags.join(' ') || 'none'} | ${perM(sorted(times[b.label])[0]).toFixed(3)} | ${perM(median(times[b.label])).toFixed(3)} |`);
console.log('');
console.log(ratioLine(ratios));
