import { expect, test } from 'vitest';
import { planCapacity, type ScenarioAt } from '../src/plan/planner.js';
import { TaskPool } from '../src/run/task-pool.js';
import { checkScenario, readSources } from '../src/scenario/load-scenario.js';
import { parseObjective } from '../src/scenario/slo-text.js';
import type { Objective } from '../src/stats/results.js';

// The bundled plan (Cluster vs Local on the seed's two nodes) with few requests: each round is a
// batch of tasks of several Scenarios (one per value tried) on one pool kept across rounds.
const input = readSources(['scenarios/plan-seed.yaml']);
const vary = 'Deployment/hostname-deployment:spec.replicas';
const at: ScenarioAt = (value) => {
  const built = checkScenario(input, { requests: 1500, set: { key: vary, value, option: '--vary' } });
  return built.scenario ? { scenario: built.scenario } : { refused: built.diagnostics.map((d) => d.message).join('; ') };
};
const request = { vary, min: 1, max: 80, replications: 2, objectives: [parseObjective('p99<=100ms') as Objective] };

test('the plan on two worker threads, one pool for every round, is the plan of one thread', async () => {
  const inTurn = await planCapacity(request, at);
  const pool = new TaskPool(2);
  const sizes: number[] = [];
  try {
    const threaded = await planCapacity(request, at, (round) => {
      sizes.push(new Set(round.map((r) => r.scenario)).size);
      return pool.run(round.map(({ task, scenario }) => ({ scenario, task: { variant: task.variant, replication: task.replication } })), { summaryOnly: true });
    });
    expect(threaded).toStrictEqual(inTurn);
  } finally {
    await pool.close();
  }
  expect(inTurn.variants.map((v) => v.answer)).toEqual([7, 8]);
  // Some round tried two values at once, one per variant: tasks of two Scenarios in one batch.
  expect(Math.max(...sizes)).toBe(2);
});
