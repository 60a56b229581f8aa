import { expect, test } from 'vitest';
import { Exponential } from '../../src/engine/distributions.js';
import { mm1MeanResponse, mm1ResponseQuantile } from '../../src/engine/queueing-theory.js';
import { runPoissonStation } from '../support/poisson-station.js';
import { expectWithinInterval } from '../support/expect-within-interval.js';

const MU = 100; // 10 ms mean service, as a typical pod

// At utilization 0.9 the output is strongly autocorrelated (relaxation time about
// 1/(mu (1 - sqrt(rho))^2) = 3.8 s) and a replication's p99 swings with its rare long busy
// periods, so that case needs 20x the customers of the first for a p99 interval of about +-4% (measured).
const cases = [
  { rho: 0.5, replications: 20, customers: 50_000, warmup: 5, meanWidth: 0.02, p99Width: 0.03 },
  { rho: 0.9, replications: 40, customers: 500_000, warmup: 40, meanWidth: 0.02, p99Width: 0.06 },
];

for (const { rho, replications, customers, warmup, meanWidth, p99Width } of cases) {
  test(`an M/M/1 station at utilization ${rho} has mean response 1/(mu - lambda) and the exponential p99`, () => {
    const lambda = rho * MU;
    const means: number[] = [];
    const p99s: number[] = [];
    for (let replication = 0; replication < replications; replication++) {
      const r = runPoissonStation({
        seed: 11, replication, lambda, servers: 1, queueLimit: Infinity,
        service: (u) => new Exponential(1 / MU, u), warmup, customers,
      });
      expect(r.arrivals).toBe(customers);
      means.push(r.meanResponse);
      p99s.push(r.p99Response);
    }
    expectWithinInterval(means, mm1MeanResponse(lambda, MU), meanWidth);
    expectWithinInterval(p99s, mm1ResponseQuantile(lambda, MU, 0.99), p99Width);
  }, 60_000);
}
