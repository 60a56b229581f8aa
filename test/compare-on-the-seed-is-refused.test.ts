import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

test('compare on Scenario:spec.seed is refused, pointing at replications and --seed, not run as identical rows', () => {
  const text = smallCluster({
    nodes: { 'node-a': 'zone-a' }, pods: { 'node-a': 1 },
    spec: '  traffic: { service: web, rate: 10, requests: 100 }\n  compare:\n    Scenario:spec.seed: [1, 2]\n',
  });
  const { scenario, diagnostics } = checkScenario({ sources: [{ file: 'FILE', text }], diagnostics: [] });
  expect(scenario).toBeUndefined();
  expect(diagnostics.map(formatDiagnostic)).toEqual([
    'FILE:45: error: The Scenario "small" is invalid: spec.compare.Scenario:spec.seed: Forbidden: variants all run on the same random streams, '
      + 'so seeds cannot be compared: spec.replications (or --replications) gives independent runs; run svcsim with --seed for one other seed',
  ]);
});

test('compare on Scenario:spec.replications or spec.slo is refused: every variant of a study runs as often and is judged alike', () => {
  for (const [field, values] of [['replications', '[2, 3]'], ['slo', '["p99<=50ms", "p99<=80ms"]']]) {
    const text = smallCluster({
      nodes: { 'node-a': 'zone-a' }, pods: { 'node-a': 1 },
      spec: `  traffic: { service: web, rate: 10, requests: 100 }\n  compare:\n    Scenario:spec.${field}: ${values}\n`,
    });
    const { scenario, diagnostics } = checkScenario({ sources: [{ file: 'FILE', text }], diagnostics: [] });
    expect(scenario).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `FILE:45: error: The Scenario "small" is invalid: spec.compare.Scenario:spec.${field}: Forbidden: spec.${field} applies to every `
        + `variant of a study; set it once (or --${field} on the command line)`,
    ]);
  }
});
