import { test } from 'vitest';
import { Exponential } from '../../src/engine/distributions.js';
import { mmckBlocking } from '../../src/engine/queueing-theory.js';
import { runPoissonStation } from '../support/poisson-station.js';
import { expectWithinInterval } from '../support/expect-within-interval.js';

test('an M/M/2/5 station turns away the closed-form fraction of arrivals', () => {
  const c = 2;
  const k = 5;
  const mu = 100;
  const lambda = 180;
  const blocked: number[] = [];
  for (let replication = 0; replication < 20; replication++) {
    const r = runPoissonStation({
      seed: 13, replication, lambda, servers: c, queueLimit: k - c,
      service: (u) => new Exponential(1 / mu, u), warmup: 1, customers: 100_000,
    });
    blocked.push(r.rejected / r.arrivals);
  }
  expectWithinInterval(blocked, mmckBlocking(c, k, lambda, mu), 0.03);
}, 60_000);
