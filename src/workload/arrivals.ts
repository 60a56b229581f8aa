import { Constant, Exponential, type Distribution } from '../engine/distributions.js';
import type { Uniform } from '../engine/random.js';

/** Inter-arrival times of the open-loop client: Poisson (exponential gaps) or evenly spaced. */
export function interarrivals(process: 'poisson' | 'deterministic', rate: number, u: Uniform): Distribution {
  return process === 'poisson' ? new Exponential(1 / rate, u) : new Constant(1 / rate);
}
