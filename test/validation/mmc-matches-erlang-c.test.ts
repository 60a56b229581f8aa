import { test } from 'vitest';
import { Exponential } from '../../src/engine/distributions.js';
import { erlangC, mmcMeanWait } from '../../src/engine/queueing-theory.js';
import { runPoissonStation } from '../support/poisson-station.js';
import { expectWithinInterval } from '../support/expect-within-interval.js';

test('an M/M/4 station at utilization 0.8 makes the Erlang C fraction of arrivals wait, for the Erlang C mean wait', () => {
  const c = 4;
  const mu = 100;
  const lambda = 0.8 * c * mu;
  const waitedFractions: number[] = [];
  const meanWaits: number[] = [];
  for (let replication = 0; replication < 20; replication++) {
    const r = runPoissonStation({
      seed: 12, replication, lambda, servers: c, queueLimit: Infinity,
      service: (u) => new Exponential(1 / mu, u), warmup: 5, customers: 300_000,
    });
    waitedFractions.push(r.waited / r.arrivals);
    // waitSum also holds the post-warm-up part of the waits of the few jobs queued at the
    // reset: a bias of a few jobs' waits in 300k, far inside the interval.
    meanWaits.push(r.waitSum / r.arrivals);
  }
  expectWithinInterval(waitedFractions, erlangC(c, lambda, mu), 0.02);
  expectWithinInterval(meanWaits, mmcMeanWait(c, lambda, mu), 0.03);
}, 60_000);
