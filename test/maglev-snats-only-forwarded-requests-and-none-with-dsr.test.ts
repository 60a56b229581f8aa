import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';

// Cilium's kube-proxy replacement masquerades a request only when it forwards it to a backend on
// another node, and with DSR not even then (the client's address is kept). kube-proxy's own
// modes masquerade every external request under Cluster, local pods included.
const text = readFileSync('scenarios/lb-maglev.yaml', 'utf8')
  .replace('    dsr: true\n', '')
  .replace('  compare:\n    spec.externalTrafficPolicy: [Cluster, Local]', '  compare:\n    Scenario:spec.loadBalancer.dsr: [false, true]')
  .replace('externalTrafficPolicy: Local', 'externalTrafficPolicy: Cluster');

test('Maglev SNAT equals the forwarded fraction without DSR, exactly, and is 0 with DSR', () => {
  const [snat, dsr] = runScenario(scenarioFromYaml(text, { requests: 20000 })).variants;
  expect(snat.extraHopFraction).toBeGreaterThan(0.45);
  expect(snat.snatFraction).toBe(snat.extraHopFraction);
  expect(dsr.extraHopFraction).toBe(snat.extraHopFraction);
  expect(dsr.snatFraction).toBe(0);
});

test('kube-proxy (the even model) still masquerades every Cluster request', () => {
  const even = text.replace('    model: maglev\n', '    model: even\n').replace('  compare:\n    Scenario:spec.loadBalancer.dsr: [false, true]', '');
  const [v] = runScenario(scenarioFromYaml(even, { requests: 2000 })).variants;
  expect(v.extraHopFraction).toBeLessThan(1);
  expect(v.snatFraction).toBe(1);
});
