import { expect, test } from 'vitest';
import { counts, node, place, pod, workload } from './support/scheduling-objects.js';

const web = { app: 'web' };
const requesting = (resources: string) => `containers:\n- { name: app, image: example/app, resources: ${resources} }`;

test('pods fit a node\'s allocatable cpu until it is used up; the next one stays Pending', () => {
  const { byNode, pending, warnings } = place(`${node('n1', { allocatable: { cpu: '2', memory: '4Gi' } })}`
    + `${workload('Deployment', 'web', 5, web, requesting('{ requests: { cpu: 500m } }'))}`);
  expect(counts(byNode)).toEqual({ n1: 4 });
  expect(pending.map((p) => [p.name, p.reason])).toEqual([['web-4', '0/1 nodes are available: 1 Insufficient cpu.']]);
  expect(warnings).toEqual(['warning: Deployment/web: pod web-4 stays Pending: 0/1 nodes are available: 1 Insufficient cpu.']);
});

test('memory, both resources at once, and the pod count are checked too', () => {
  const small = node('n1', { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } });
  expect(place(`${small}${workload('Deployment', 'web', 1, web, requesting('{ requests: { memory: 2Gi } }'))}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 Insufficient memory.');
  expect(place(`${small}${workload('Deployment', 'web', 1, web, requesting('{ requests: { cpu: "2", memory: 2Gi } }'))}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.');
  const full = node('n1', { allocatable: { pods: '2' } });
  expect(place(`${full}${pod('a', { app: 'a' }, '', 'n1')}${pod('b', { app: 'b' }, '', 'n1')}${workload('Deployment', 'web', 1, web)}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 Too many pods.');
});

test('a limit without a request counts as the request, and so do the requests of pods already running', () => {
  const n1 = node('n1', { allocatable: { cpu: '1' } });
  expect(place(`${n1}${workload('Deployment', 'web', 1, web, requesting('{ limits: { cpu: 1500m } }'))}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 Insufficient cpu.');
  const system = pod('coredns', { k8s: 'dns' }, requesting('{ requests: { cpu: 800m } }'), 'n1');
  expect(place(`${n1}${system}${workload('Deployment', 'web', 1, web, requesting('{ requests: { cpu: 300m } }'))}`).pending[0].reason)
    .toBe('0/1 nodes are available: 1 Insufficient cpu.');
});

test('an init container needs its request only while it runs: the larger of it and the containers counts', () => {
  const n1 = node('n1', { allocatable: { cpu: '1' } });
  const spec = (init: string) => `initContainers:\n- { name: init, image: example/init, resources: { requests: { cpu: ${init} } } }\n${requesting('{ requests: { cpu: 600m } }')}`;
  expect(place(`${n1}${workload('Deployment', 'web', 1, web, spec('900m'))}`).byNode).toEqual({ n1: ['web-0'] });
  expect(place(`${n1}${workload('Deployment', 'web', 1, web, spec('1100m'))}`).pending).toHaveLength(1);
});

test('among nodes that fit, the least allocated wins, even over the one with fewer pods', () => {
  const size = { cpu: '4', memory: '8Gi' };
  const busy = pod('batch', { app: 'batch' }, requesting('{ requests: { cpu: 1500m } }'), 'n1');
  const idle = `${pod('idle-1', { app: 'idle' }, requesting('{ requests: { cpu: 10m } }'), 'n2')}${pod('idle-2', { app: 'idle' }, requesting('{ requests: { cpu: 10m } }'), 'n2')}`;
  const { byNode } = place(`${node('n1', { allocatable: size })}${node('n2', { allocatable: size })}${busy}${idle}${workload('Deployment', 'web', 1, web)}`);
  expect(byNode.n2).toContain('web-0');
});

test('a hand-written Node without status.allocatable limits nothing', () => {
  const huge = requesting('{ requests: { cpu: "64", memory: 512Gi } }');
  expect(counts(place(`${node('n1')}${workload('Deployment', 'web', 3, web, huge)}`).byNode)).toEqual({ n1: 3 });
});
