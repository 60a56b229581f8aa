import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { runScenario } from '../src/run/run-scenario.js';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { checkScenario, scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { place } from './support/scheduling-objects.js';

// `kubectl get nodes,pods,deployments,daemonsets,services -A -o yaml` from three kinds of cluster.
const dump = (name: string) => readFileSync(new URL(`./fixtures/real-world/${name}.yaml`, import.meta.url), 'utf8');
const kind = dump('kind-three-nodes');
const minikube = dump('minikube-one-node');
const eks = dump('eks-three-zones');

// minikube's one node is its control plane, which kubeadm labels out of load balancers: its
// users reach a Service through its node port (`minikube service`), and so do these tests.
const scenario = (service: string, compare = '', entry = service === 'hello-node' ? ', entry: nodePort' : '') => `---
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: real }
spec:
  traffic: { service: ${service}, rate: 50, requests: 600${entry} }
  pods: [{ serviceTime: 2ms }]
${compare ? `  compare:\n    ${compare}\n` : ''}`;
const podNames = (yaml: string) => (parseAllDocuments(yaml)[0].toJS().items as Array<{ kind: string; metadata: { name: string } }>)
  .filter((o) => o.kind === 'Pod').map((o) => o.metadata.name);
/** The dump without its Pods: the manifests alone. */
const withoutPods = (yaml: string) => {
  const list = parseAllDocuments(yaml)[0].toJS();
  return stringify({ ...list, items: list.items.filter((o: { kind: string }) => o.kind !== 'Pod') });
};
/** Each variant's endpoint pods as "node/pod". */
const endpoints = (s: ReturnType<typeof scenarioFromYaml>) =>
  s.variants.map((v) => v.topology.pods.map((p) => `${v.topology.nodes[p.node].name}/${p.name}`));

test('each dump loads without a diagnostic, and its pods stay where they run', () => {
  for (const [yaml, service] of [[kind, 'web'], [minikube, 'hello-node'], [eks, 'checkout']]) {
    expect(checkScenario({ sources: [{ file: 'dump.yaml', text: yaml + scenario(service) }], diagnostics: [] }).diagnostics).toEqual([]);
    const { pods, pending, warnings } = place(yaml);
    expect(pods.map((p) => p.name)).toEqual(podNames(yaml));
    expect([pending, warnings]).toEqual([[], []]);
  }
});

test('kind: no app pod on the tainted control-plane node, and no traffic there: kind labels it out of the load balancer', () => {
  const s = scenarioFromYaml(kind + scenario('web', 'Deployment/web:spec.replicas: [2, 3]'));
  expect(endpoints(s)).toEqual([
    ['kind-worker/web-6d4cf56db6-2kx8p', 'kind-worker2/web-6d4cf56db6-q7n4z'],
    ['kind-worker/web-6d4cf56db6-2kx8p', 'kind-worker2/web-6d4cf56db6-q7n4z', 'kind-worker/web-0'],
  ]);
  for (const v of runScenario(s).variants) {
    const controlPlane = v.nodes.find((n) => n.name === 'kind-control-plane')!;
    expect(controlPlane.served).toBe(0);
    expect(controlPlane.received).toBe(0);
    expect(v.completed).toBe(600);
  }
  // From the manifests alone the scheduler keeps off it too.
  const fresh = place(withoutPods(kind));
  expect(fresh.byNode['kind-worker']).toEqual(expect.arrayContaining(['web-0']));
  expect(fresh.byNode['kind-worker2']).toEqual(expect.arrayContaining(['web-1']));
  expect(fresh.byNode['kind-control-plane'].filter((p) => p.startsWith('web'))).toEqual([]);
});

test('kind: a DaemonSet gets one pod per eligible node, the control plane only if it tolerates the taint', () => {
  const { byNode } = place(withoutPods(kind));
  // CoreDNS tolerates the control-plane taint; its second replica is spread to a worker.
  expect(byNode).toEqual({
    'kind-control-plane': ['kindnet-kind-control-plane', 'coredns-0'],
    'kind-worker': ['log-agent-kind-worker', 'kindnet-kind-worker', 'web-0', 'coredns-1'],
    'kind-worker2': ['log-agent-kind-worker2', 'kindnet-kind-worker2', 'web-1'],
  });
});

test('minikube: replicas [1, 3] gives 1 and 2 pods, the third not fitting the node\'s 2 CPUs', () => {
  const s = scenarioFromYaml(minikube + scenario('hello-node', 'Deployment/hello-node:spec.replicas: [1, 3]'));
  expect(endpoints(s)).toEqual([
    ['minikube/hello-node-55fdcd95bf-kx9wd'],
    ['minikube/hello-node-55fdcd95bf-kx9wd', 'minikube/hello-node-0'],
  ]);
  expect(s.diagnostics.map(formatDiagnostic)).toEqual([
    'scenario.yaml:354: warning: Deployment "hello-node": pod hello-node-1 stays Pending: 0/1 nodes are available: 1 Insufficient cpu. (in variant "3")',
  ]);
});

test('minikube: its labelled single node can take no load-balancer traffic, and svcsim says so', () => {
  const { diagnostics } = checkScenario({ sources: [{ file: 'dump.yaml', text: minikube + scenario('hello-node', '', '') }], diagnostics: [] });
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
    'Invalid value: no node can take load-balancer traffic (model even): node.kubernetes.io/exclude-from-external-load-balancers leaves out minikube ("")',
  ]);
});

test('minikube: replicas [2, 3] would compare two identical runs, and is refused', () => {
  const { diagnostics } = checkScenario({ sources: [{ file: 'dump.yaml', text: minikube + scenario('hello-node', 'Deployment/hello-node:spec.replicas: [2, 3]') }], diagnostics: [] });
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
    'Invalid value: 2 and 3 give identical variants ("2" and "3" resolve to the same pods, nodes and traffic): the comparison would show nothing',
  ]);
});

test('EKS-like: replicas [2, 3] adds the third pod in the zone without one, never on the GPU node', () => {
  const s = scenarioFromYaml(eks + scenario('checkout', 'Deployment/checkout:spec.replicas: [1, 2, 3]'));
  expect(endpoints(s)).toEqual([
    // Scaling in removes the newest pod.
    ['ip-192-168-12-34.ec2.internal/checkout-5c9f8d7b6c-4gk2r'],
    ['ip-192-168-12-34.ec2.internal/checkout-5c9f8d7b6c-4gk2r', 'ip-192-168-45-67.ec2.internal/checkout-5c9f8d7b6c-w8pzt'],
    ['ip-192-168-12-34.ec2.internal/checkout-5c9f8d7b6c-4gk2r', 'ip-192-168-45-67.ec2.internal/checkout-5c9f8d7b6c-w8pzt',
      'ip-192-168-78-90.ec2.internal/checkout-0'],
  ]);
  const nine = scenarioFromYaml(eks + scenario('checkout', 'Deployment/checkout:spec.replicas: [9, 10]'));
  const zones = nine.variants.map((v) => v.topology.pods.reduce<Record<string, number>>((m, p) => {
    const n = v.topology.nodes[p.node];
    expect(n.name).not.toBe('ip-192-168-20-10.ec2.internal');
    return { ...m, [n.zone]: (m[n.zone] ?? 0) + 1 };
  }, {}));
  // maxSkew 1 over three zones; us-east-1a's GPU node does not take them, whatever its free CPU.
  // The tenth goes to the least allocated node: us-east-1c's runs no CoreDNS.
  expect(zones).toEqual([{ 'us-east-1a': 3, 'us-east-1b': 3, 'us-east-1c': 3 }, { 'us-east-1a': 3, 'us-east-1b': 3, 'us-east-1c': 4 }]);
});
