import type { Distribution } from '../../src/engine/distributions.js';
import { Exponential } from '../../src/engine/distributions.js';
import type { Uniform } from '../../src/engine/random.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator } from '../../src/engine/simulator.js';
import { Station } from '../../src/engine/station.js';
import { LatencyHistogram } from '../../src/stats/latency-histogram.js';

/** One replication of a Poisson stream feeding one Station, measured after a warm-up. */
export interface PoissonStationRun {
  seed: number;
  replication: number;
  /** Arrivals per second. */
  lambda: number;
  servers: number;
  /** Waiting room (Infinity: unbounded). */
  queueLimit: number;
  service: (u: Uniform) => Distribution;
  /** Seconds simulated before the statistics start. */
  warmup: number;
  /** Arrivals measured after the warm-up; then arrivals stop and the station drains. */
  customers: number;
}

export interface PoissonStationResult {
  /** Station statistics since the warm-up ended (arrivals === customers). */
  arrivals: number;
  rejected: number;
  waited: number;
  waitSum: number;
  /** Mean and p99 response time (wait + service) of the measured, accepted customers. */
  meanResponse: number;
  p99Response: number;
}

const WARMUP_JOB = -1;

export function runPoissonStation(run: PoissonStationRun): PoissonStationResult {
  const sim = new Simulator();
  const streams = new RandomStreams(run.seed, run.replication);
  const interarrival = new Exponential(1 / run.lambda, streams.stream('arrivals'));
  const arrivedAt = new Float64Array(run.customers);
  const response = new LatencyHistogram();
  const station = new Station(sim, run.servers, run.queueLimit, run.service(streams.stream('service')), (job) => {
    if (job !== WARMUP_JOB) response.record(sim.now - arrivedAt[job]);
  });
  let measured = 0;
  // Arrivals are generated one at a time: each schedules the next, as a real source would.
  const arrival = sim.register(() => {
    if (sim.now < run.warmup) {
      station.arrive(WARMUP_JOB);
    } else {
      arrivedAt[measured] = sim.now;
      station.arrive(measured++);
      if (measured === run.customers) return;
    }
    sim.schedule(interarrival.sample(), arrival);
  });
  sim.scheduleAt(run.warmup, sim.register(() => station.resetStats()));
  sim.schedule(interarrival.sample(), arrival);
  // FIFO waits depend only on earlier arrivals, so draining after the last measured arrival
  // leaves every measured customer's wait exactly as under continued load.
  sim.run();
  const result: PoissonStationResult = {
    arrivals: station.arrivals,
    rejected: station.rejected,
    waited: station.waited,
    waitSum: station.waitSum,
    meanResponse: response.mean,
    p99Response: response.percentile(99),
  };
  response.destroy();
  return result;
}
