import { test } from 'vitest';
import { Constant } from '../../src/engine/distributions.js';
import { md1MeanWait } from '../../src/engine/queueing-theory.js';
import { runPoissonStation } from '../support/poisson-station.js';
import { expectWithinInterval } from '../support/expect-within-interval.js';

test('an M/D/1 station at utilization 0.8 has the Pollaczek-Khinchine mean wait', () => {
  const mu = 100;
  const lambda = 80;
  const meanWaits: number[] = [];
  for (let replication = 0; replication < 20; replication++) {
    const r = runPoissonStation({
      seed: 14, replication, lambda, servers: 1, queueLimit: Infinity,
      service: () => new Constant(1 / mu), warmup: 5, customers: 150_000,
    });
    meanWaits.push(r.waitSum / r.arrivals);
  }
  expectWithinInterval(meanWaits, md1MeanWait(lambda, mu), 0.03);
}, 60_000);
