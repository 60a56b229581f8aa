import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { fromExactJson, toExactJson } from '../src/output/exact-json.js';
import { runTask } from '../src/run/study.js';
import { outcomeFromData, outcomeToData } from '../src/run/task-outcome-data.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { TimeSeriesTable } from '../src/stats/time-series-table.js';

// A worker is sent the Scenario by structured clone, which drops functions' and classes' kinds
// silently or throws: every bundled scenario's variants must come through equal, prototypes too.
test('every bundled scenario\'s variants come through structured clone unchanged', () => {
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
    const { variants } = loadScenario([`scenarios/${file}`], { requests: 10 });
    expect(structuredClone(variants), file).toStrictEqual(variants);
  }
});

test('exact JSON gives back NaN, the infinities, -0 and a Float64Array', () => {
  const value = { a: [NaN, Infinity, -Infinity, -0, 0, 0.1 + 0.2, 5e-324, Number.MAX_VALUE], pages: [new Float64Array([1.5, NaN, -0])], s: 'NaN' };
  const back = fromExactJson(toExactJson(value)) as typeof value;
  expect(back).toStrictEqual(value);
  expect(Object.is(back.a[3], -0)).toBe(true);
  expect(Object.is(back.pages[0][2], -0)).toBe(true);
});

test('a task\'s outcome, time series included, comes back equal from plain data, by clone and by exact JSON', () => {
  const scenario = loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: 2000 });
  const outcome = runTask(scenario, { variant: 1, replication: 0 });
  expect(outcome.result?.timeSeries?.length).toBeGreaterThan(0);
  expect(outcomeFromData(structuredClone(outcomeToData(outcome)))).toStrictEqual(outcome);
  // JSON has no undefined: a field set to undefined comes back absent, which no output tells apart.
  const fromFile = outcomeFromData(fromExactJson(toExactJson(outcomeToData(outcome))) as never);
  expect(fromFile).toEqual(outcome);
  expect(fromFile.result?.timeSeries).toBeInstanceOf(TimeSeriesTable);
  expect(fromFile.result?.timeSeries?.rows()).toStrictEqual(outcome.result?.timeSeries?.rows());
});
