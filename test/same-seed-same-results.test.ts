import { expect, test } from 'vitest';
import { Exponential } from '../src/engine/distributions.js';
import { runPoissonStation } from './support/poisson-station.js';

function run(seed: number, replication: number) {
  return runPoissonStation({
    seed, replication, lambda: 80, servers: 2, queueLimit: 5,
    service: (u) => new Exponential(0.02, u), warmup: 1, customers: 20_000,
  });
}

test('the same seed and replication give identical station statistics', () => {
  const first = run(1, 0);
  expect(first.rejected).toBeGreaterThan(0);
  expect(run(1, 0)).toEqual(first);
});

test('a different seed or replication gives different statistics', () => {
  const first = run(1, 0);
  expect(run(2, 0)).not.toEqual(first);
  expect(run(1, 1)).not.toEqual(first);
});
