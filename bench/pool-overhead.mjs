// The pool's cost beside the runs' own: runTasks (the library build, dist/index.js) on the seed
// scenario, N requests x R replications x 2 variants, on J threads; prints wall and CPU time.
// Tiny runs measure the per-task and per-worker cost; two copies side by side tell whether the
// machine has two free cores at all (bench/RESULTS.md, All cores).
// Usage: npm run build && node bench/pool-overhead.mjs REQUESTS REPLICATIONS JOBS
import { loadScenario, runTasks, studyTasks } from '../dist/index.js';

const [requests, replications, jobs] = process.argv.slice(2).map(Number);
const scenario = loadScenario([new URL('../scenarios/seed-two-nodes.yaml', import.meta.url).pathname], { requests, replications });
const tasks = studyTasks(scenario.variants.length, replications);
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
await runTasks(scenario, tasks, { jobs });
const c = process.cpuUsage(c0);
console.log(`${requests} requests x ${tasks.length} tasks on ${jobs} thread(s): wall ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms, `
  + `CPU ${((c.user + c.system) / 1000).toFixed(0)} ms`);
