// When each task of the seed scenario (2 variants x 800k requests) reports its 65536th request,
// with J threads (default 2; WF names the worker file, e.g. dist/svcsim.cjs, the CLI's worker):
// how long a worker takes to start, load svcsim and warm up before it simulates at full speed.
// Usage: npm run build && J=2 WF=dist/svcsim.cjs node bench/first-progress.mjs
import { loadScenario, runTasks, studyTasks } from '../dist/index.js';
const s = loadScenario([new URL('../scenarios/seed-two-nodes.yaml', import.meta.url).pathname], { requests: 800000 });
const t0 = performance.now();
const ev = [];
await runTasks(s, studyTasks(2, 1), { jobs: Number(process.env.J ?? 2), workerFile: process.env.WF, onProgress: (i, n) => ev.push(`p${i}:${n}@${(performance.now() - t0).toFixed(0)}`), onTaskDone: (i) => ev.push(`done${i}@${(performance.now() - t0).toFixed(0)}`) });
console.log(ev.join(' '));
