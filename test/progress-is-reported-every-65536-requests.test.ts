import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

function progressOf(file: string, requests: number): Map<string, number[]> {
  const calls = new Map<string, number[]>();
  runScenario(loadScenario([file], { requests }), {
    onProgress: (variant, sent, total) => {
      expect(total).toBe(requests);
      calls.set(variant, [...(calls.get(variant) ?? []), sent]);
    },
  });
  return calls;
}

test('each variant reports its 65536th and 131072nd request sent, then its end', () => {
  const calls = progressOf('scenarios/seed-two-nodes.yaml', 140_000);
  expect([...calls.keys()]).toEqual(['Cluster', 'Local']);
  for (const sent of calls.values()) expect(sent).toEqual([65_536, 131_072, 140_000]);
});

test('an ExternalName Service reports its progress the same way', () => {
  const calls = progressOf('scenarios/seed-externalname.yaml', 70_000);
  for (const sent of calls.values()) expect(sent).toEqual([65_536, 70_000]);
});
