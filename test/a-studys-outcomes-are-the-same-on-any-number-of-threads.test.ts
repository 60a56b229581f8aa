import { expect, test } from 'vitest';
import { resultFiles } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { runStudy } from '../src/run/run-study.js';
import { studyTasks } from '../src/run/study.js';
import { runTasks } from '../src/run/task-pool.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

// Worker threads start from the built bin (dist/svcsim.cjs, built by `npm ci`): see task-pool.ts.
const scenario = loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 1500, replications: 3 });
const tasks = studyTasks(scenario.variants.length, scenario.replications);

test('three worker threads give the outcomes one thread gives, in task order', async () => {
  const one = await runTasks(scenario, tasks, { jobs: 1 });
  expect(one.map((o) => o.task)).toEqual(tasks);
  expect(one[0].result?.timeSeries?.length).toBeGreaterThan(0);
  expect(await runTasks(scenario, tasks, { jobs: 3 })).toStrictEqual(one);
});

test('every file of a study on two threads is byte-identical to runScenario\'s, with progress from every worker by task index', async () => {
  const big = loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 70_000 });
  const meta = { version: 'test', commandLine: ['run'] };
  const sent: Array<[number, number]> = [];
  const done: number[] = [];
  const results = await runStudy(big, { ...meta, jobs: 2, onProgress: (i, n) => sent.push([i, n]), onTaskDone: (i) => done.push(i) });
  expect(sent.sort()).toEqual([[0, 65_536], [1, 65_536]]);
  expect(done.sort()).toEqual([0, 1]);
  expect(resultFiles(results)).toEqual(resultFiles(runScenario(big, meta)));
});

test('a task that fails on a worker fails the whole run with the task named', async () => {
  const broken = { seed: scenario.seed, variants: [{ ...scenario.variants[0], name: 'Broken', topology: { ...scenario.variants[0].topology, pods: null } }] };
  await expect(runTasks(broken as never, [{ variant: 0, replication: 0 }, { variant: 0, replication: 1 }], { jobs: 2 }))
    .rejects.toThrow(/^variant Broken, replication [01]: TypeError/);
});

test('jobs below 1 are refused', async () => {
  await expect(runTasks(scenario, tasks, { jobs: 0 })).rejects.toThrow('jobs must be a whole number >= 1, got 0');
});
