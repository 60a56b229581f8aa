import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

/** Checks YAML text as if read from a file named FILE, without throwing. */
const check = (text: string) => checkScenario({ sources: [{ file: 'FILE', text }], diagnostics: [] });

const cluster = `${nodeYaml('node-a')}${deploymentYaml('web', 2)}${serviceYaml('web', 'LoadBalancer')}`;
const base = {
  traffic: '  traffic: { service: web, rate: 100, requests: 1000 }\n',
  pods: '  pods:\n  - serviceTime: 5ms\n',
};
function problems(spec: string): string[] {
  return check(`${cluster}apiVersion: svcsim.io/v1alpha1\nkind: Scenario\nmetadata: { name: bad }\nspec:\n${spec}`).diagnostics.map(formatDiagnostic);
}
// spec.traffic is on line 43 of the generated file (3 documents before the Scenario).
const SPEC_LINE = 43;

describe('a Scenario document with a mistake is rejected with file, object, field path and line', () => {
  test('an unknown field, with a did-you-mean', () => {
    expect(problems(`${base.traffic}${base.pods}  netwrok: {}\n`)).toEqual([
      `FILE:${SPEC_LINE + 3}: error: The Scenario "bad" is invalid: spec.netwrok: unknown field "netwrok"; did you mean "network"?`,
    ]);
  });

  test('a Service that does not exist', () => {
    expect(problems(`  traffic: { service: webb, rate: 100, requests: 1000 }\n${base.pods}`)).toEqual([
      `FILE:${SPEC_LINE}: error: The Scenario "bad" is invalid: spec.traffic.service: Not found: Service "webb" (Services: default/web)`,
    ]);
  });

  test('a port that does not exist', () => {
    expect(problems(`  traffic: { service: web, port: grpc, rate: 100, requests: 1000 }\n${base.pods}`)).toEqual([
      `FILE:${SPEC_LINE}: error: The Scenario "bad" is invalid: spec.traffic.port: Not found: port "grpc" on Service "web" (ports: http (80))`,
    ]);
  });

  test('a negative rate and a latency that is not a duration', () => {
    expect(problems(`  traffic: { service: web, rate: -5, requests: 1000 }\n${base.pods}  network: { sameZone: fast }\n`)).toEqual([
      `FILE:${SPEC_LINE}: error: The Scenario "bad" is invalid: spec.traffic.rate: Invalid value: -5: must be greater than 0`,
      `FILE:${SPEC_LINE + 3}: error: The Scenario "bad" is invalid: spec.network.sameZone: Invalid value: "fast": must be a duration, like "250ms", "1m30s" or "1.5h" (units ns, us, ms, s, m, h)`,
    ]);
  });

  test('a distribution with a misspelt kind', () => {
    expect(problems(`${base.traffic}  pods:\n  - serviceTime: { exponental: { mean: 5ms } }\n`)).toEqual([
      `FILE:${SPEC_LINE + 2}: error: The Scenario "bad" is invalid: spec.pods[0].serviceTime.exponental: unknown field "exponental"; did you mean "exponential"?`,
    ]);
  });

  test('a Maglev table size that is not a prime', () => {
    expect(problems(`${base.traffic}${base.pods}  loadBalancer: { model: maglev, maglevTableSize: 1000 }\n`)).toEqual([
      `FILE:${SPEC_LINE + 3}: error: The Scenario "bad" is invalid: spec.loadBalancer.maglevTableSize: Invalid value: 1000: must be a prime larger than the number of endpoints (2), e.g. 16381`,
    ]);
  });

  test('a pinned pod on a node that does not exist', () => {
    expect(problems(`${base.traffic}${base.pods}  placement: { web: { node-z: 2 } }\n`)).toEqual([
      `FILE:${SPEC_LINE + 3}: error: The Scenario "bad" is invalid: spec.placement.web.node-z: Not found: node "node-z" (no Node object of that name)`,
    ]);
  });

  test('a Pod object on a node that does not exist', () => {
    const text = `${nodeYaml('node-a')}apiVersion: v1
kind: Pod
metadata: { name: stray, labels: { app: web } }
spec:
  nodeName: node-q
  containers: [{ name: app, image: example/app }]
---
${serviceYaml('web', 'LoadBalancer')}apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: stray }
spec:
${base.traffic}${base.pods}`;
    expect(check(text).diagnostics.map(formatDiagnostic)).toEqual([
      'FILE:12: error: Pod "stray": spec.nodeName: no Node "node-q" in the input (nodes: node-a): add the Node objects: kubectl get nodes -o yaml',
      'FILE:32: error: The Scenario "stray" is invalid: spec.traffic.service: Service "web" has no endpoints: no pod in namespace "default" has the labels of its selector (app=web)',
    ]);
  });

  test('a selector that matches no pods is an error saying so', () => {
    const text = `${nodeYaml('node-a')}${serviceYaml('web', 'LoadBalancer')}apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: empty }
spec:
${base.traffic}${base.pods}`;
    const { scenario, diagnostics } = check(text);
    expect(scenario).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'FILE:25: error: The Scenario "empty" is invalid: spec.traffic.service: Service "web" has no endpoints: no pod in namespace "default" has the labels of its selector (app=web)',
    ]);
  });
});
