// Paired A/B of two builds' simulation in one process: the reference model run by each build's
// public runScenario, alternately (A B, then B A), so both builds see the same moments of a
// machine whose speed drifts by tens of percent from run to run (a shared VM). Start-up, file
// writing and process exit are left out: this measures the simulation itself. Prints the median
// of the per-pair ratios B / A with a distribution-free 95% interval (order statistics of the
// sign test), and each build's best and median seconds per million requests.
// Usage: node --max-inlined-bytecode-size-cumulative=4000 bench/ab-in-process.mjs --a <checkout>
//   [--b <checkout>] [--pairs 20] [--requests 2e6]   (the flag is the one the launcher sets)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, ratioLine, runPairs, sorted } from './paired-runs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
if (!process.argv.includes('--a')) throw new Error('usage: node bench/ab-in-process.mjs --a <checkout> [--b <checkout>] [--pairs 20] [--requests 2e6]');
const pairs = Number(arg('--pairs', '20'));
const requests = Number(arg('--requests', '2e6'));
const scenario = join(here, 'reference.yaml');

/** A function that runs the reference model on a build, whichever API generation it has. */
async function runnerOf(dir) {
  const api = await import(pathToFileURL(join(resolve(dir), 'dist', 'index.js')).href);
  // Before the redesign runScenario read the files itself; after it, loadScenario does.
  if (api.loadScenario) return () => api.runScenario(api.loadScenario([scenario], { requests }));
  return () => api.runScenario([scenario], { requests });
}

const builds = [{ label: 'A', run: await runnerOf(arg('--a')) }, { label: 'B', run: await runnerOf(arg('--b', join(here, '..'))) }];
const seconds = (build) => {
  const t0 = process.hrtime.bigint();
  const results = build.run();
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  if (results.variants[0].completed !== requests) throw new Error(`${build.label}: ${results.variants[0].completed} completed`);
  return t;
};
for (const b of builds) seconds(b); // warm both up once: compiled code, not compilation, is measured
const { times, ratios } = runPairs(builds, seconds, pairs);
const perM = (t) => (t / requests) * 1e6;
console.log(`${pairs} pairs of ${requests.toExponential(0)} requests in one process (node ${process.version}, flags: ${process.execArgv.join(' ') || 'none'})`);
console.log('');
console.log('| build | best, s per 1M | median, s per 1M |');
console.log('|---|---:|---:|');
for (const b of ['A', 'B']) console.log(`| ${b} | ${perM(sorted(times[b])[0]).toFixed(3)} | ${perM(median(times[b])).toFixed(3)} |`);
console.log('');
console.log(ratioLine(ratios));
