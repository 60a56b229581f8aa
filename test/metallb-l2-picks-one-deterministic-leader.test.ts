import { expect, test } from 'vitest';
import { metallbL2Leader } from '../src/model/metallb.js';

const KIND = ['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3'];
const all = () => true;

test('the leader is the node whose SHA-256 of "node#ip" sorts first', () => {
  // Digests from `printf 'kind-worker3#172.17.0.240' | sha256sum`: kind-worker3 04920c72...,
  // kind-control-plane 18c30a2a..., kind-worker2 b2dfdabf..., kind-worker f480f019...
  expect(KIND[metallbL2Leader(KIND, '172.17.0.240', all)]).toBe('kind-worker3');
  const withoutWorker3 = (i: number) => KIND[i] !== 'kind-worker3';
  expect(KIND[metallbL2Leader(KIND, '172.17.0.240', withoutWorker3)]).toBe('kind-control-plane');
});

test('the same nodes and service give the same leader, whatever the order of the nodes', () => {
  const leader = KIND[metallbL2Leader(KIND, '192.168.1.240', all)];
  expect(KIND[metallbL2Leader(KIND, '192.168.1.240', all)]).toBe(leader);
  const reversed = [...KIND].reverse();
  expect(reversed[metallbL2Leader(reversed, '192.168.1.240', all)]).toBe(leader);
});

test('only an eligible node leads, and none leads when no node is eligible', () => {
  // Under externalTrafficPolicy Local only nodes with a ready endpoint are eligible.
  const withEndpoints = new Set(['kind-worker', 'kind-worker2']);
  for (let k = 0; k < 50; k++) {
    const leader = metallbL2Leader(KIND, `192.168.1.${k}`, (i) => withEndpoints.has(KIND[i]));
    expect(withEndpoints.has(KIND[leader])).toBe(true);
  }
  expect(metallbL2Leader(KIND, '192.168.1.240', () => false)).toBe(-1);
  expect(metallbL2Leader([], '192.168.1.240', all)).toBe(-1);
});

test('a node that leaves moves only the services it led', () => {
  const nodes = Array.from({ length: 6 }, (_, i) => `node-${i}`);
  for (let k = 0; k < 200; k++) {
    const ip = `10.0.${k >> 8}.${k & 255}`;
    const before = metallbL2Leader(nodes, ip, all);
    const after = metallbL2Leader(nodes, ip, (i) => i !== 2);
    if (before !== 2) expect(after).toBe(before);
  }
});

test('different services spread over the nodes about evenly', () => {
  const nodes = Array.from({ length: 5 }, (_, i) => `node-${i}`);
  const services = 500;
  const led = new Array<number>(nodes.length).fill(0);
  for (let k = 0; k < services; k++) led[metallbL2Leader(nodes, `10.0.${k >> 8}.${k & 255}`, all)]++;
  // Each count is Binomial(500, 1/5): mean 100, standard deviation 8.9; allow 3.29 of them.
  const sd = Math.sqrt(services * 0.2 * 0.8);
  for (const count of led) expect(Math.abs(count - 100)).toBeLessThanOrEqual(3.2905 * sd);
});
