import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario } from '../src/scenario/load-scenario.js';

// Two namespaces hold a Deployment and a Service of the same name, as two teams' copies of one
// app would. A compare key "Kind/name" then means the one in the traffic's namespace, as kubectl
// without -n would; "Kind/<namespace>/name" names any outright.
const app = (ns: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: example/web }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${ns} }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 80 }]
---
`;
const nodes = `apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: Node
metadata: { name: node-b }
---
`;
const scenario = (namespace: string, compare: string) => `apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: namespaces }
spec:
  traffic: { service: web, namespace: ${namespace}, rate: 100, requests: 1000 }
  pods: [{ serviceTime: 5ms }]
  compare:
    ${compare}
`;
const check = (text: string) => checkScenario({ sources: [{ file: 'in.yaml', text }], diagnostics: [] });

test("a Deployment's replicas are set in the traffic's namespace, not in the first namespace that has the name", () => {
  const { scenario: s, diagnostics } = check(`${nodes}${app('team-a', 2)}${app('team-b', 1)}${scenario('team-b', 'Deployment/web:spec.replicas: [1, 3]')}`);
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  // The traffic's Service selects team-b's pods: as many as each variant's replicas.
  expect(s!.variants.map((v) => [v.name, v.topology.pods.length])).toEqual([['1', 1], ['3', 3]]);
});

test("a Service field (a key without Kind/name) is set on the traffic's Service in its namespace", () => {
  const { scenario: s, diagnostics } = check(`${nodes}${app('team-a', 2)}${app('team-b', 2)}${scenario('team-b', 'spec.externalTrafficPolicy: [Cluster, Local]')}`);
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(s!.variants.map((v) => [v.name, v.topology.externalTrafficPolicy])).toEqual([['Cluster', 'Cluster'], ['Local', 'Local']]);
});

test('a name one other namespace has is that object (an Ingress backend, say); one several others have must say which', () => {
  const { scenario: s, diagnostics } = check(`${nodes}${app('team-a', 2)}${app('team-b', 1)}${scenario('team-b', 'Deployment/web:spec.replicas: [1, 3]')}`
    .replace('namespace: team-b }\nspec:\n  replicas', 'namespace: team-c }\nspec:\n  replicas'));
  // team-b's Deployment moved to team-c: two namespaces other than the traffic's have the name.
  expect(s).toBeUndefined();
  // (team-b's Service then has no endpoints either, which is said too.)
  expect(diagnostics.map((d) => d.message)).toContain('Not found: Deployment/web in namespace "team-b", the traffic\'s (the object a compare key '
    + 'overrides); namespaces "team-a", "team-c" each have one: name it as Deployment/<namespace>/web');
  const named = check(`${nodes}${app('team-a', 2)}${app('team-b', 1)}${scenario('team-b', 'Deployment/team-a/web:spec.replicas: [1, 3]')}`);
  // team-a's replicas are varied; team-b's one pod, behind the traffic's Service, stays one.
  expect(named.diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(named.scenario!.variants.map((v) => [v.name, v.topology.pods.length])).toEqual([['1', 1], ['3', 1]]);
  const batch = `apiVersion: apps/v1
kind: Deployment
metadata: { name: batch, namespace: team-a }
spec:
  replicas: 1
  selector: { matchLabels: { app: batch } }
  template:
    metadata: { labels: { app: batch } }
    spec: { containers: [{ name: batch, image: example/batch }] }
---
`;
  // A name only one namespace has needs no namespace, whichever namespace it is in.
  const unique = check(`${nodes}${app('team-b', 2)}${batch}${scenario('team-b', 'Deployment/batch:spec.replicas: [1, 2]')}`);
  expect(unique.diagnostics.filter((d) => d.message.startsWith('Not found'))).toEqual([]);
});

test("the planner's --vary names the workload in the traffic's namespace too", () => {
  const text = `${nodes}${app('team-a', 2)}${app('team-b', 1)}${scenario('team-b', 'spec.externalTrafficPolicy: [Cluster, Local]')}`;
  const set = (key: string) => checkScenario({ sources: [{ file: 'in.yaml', text }], diagnostics: [] }, { set: { key, value: 4, option: '--vary' } });
  const { scenario: s, diagnostics } = set('Deployment/web:spec.replicas');
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(s!.variants.map((v) => v.topology.pods.length)).toEqual([4, 4]);
  expect(set('StatefulSet/web:spec.replicas').diagnostics.map((d) => d.message))
    .toEqual(['--vary StatefulSet/web:spec.replicas: Not found: StatefulSet/web (no such object in the input)']);
});
