import type { Uniform } from '../engine/random.js';
import type { CountSpec } from '../model/topology.js';

/** The clients: `size` distinct addresses; which one sends each request is drawn at random. */
export class ClientPopulation {
  constructor(readonly size: number, private readonly u: Uniform) {}

  /** The client that sends the next request. */
  pick(): number {
    return Math.floor(this.u() * this.size);
  }
}

/** Requests per keep-alive connection: a constant, geometric (by mean) or uniform whole number. */
export interface CountSampler {
  sample(): number;
  readonly mean: number;
}

export function buildCount(spec: CountSpec, u: Uniform): CountSampler {
  if (typeof spec === 'number') return { sample: () => spec, mean: spec };
  if ('geometric' in spec) {
    // Trials until the first success with p = 1/mean: support 1, 2, ...
    const p = 1 / spec.geometric.mean;
    const logQ = Math.log(1 - p);
    return {
      mean: spec.geometric.mean,
      sample: p >= 1 ? () => 1 : () => 1 + Math.floor(Math.log(1 - u()) / logQ),
    };
  }
  const { min, max } = spec.uniform;
  if (max < min) throw new RangeError(`uniform: max (${max}) must be >= min (${min})`);
  return { mean: (min + max) / 2, sample: () => min + Math.floor(u() * (max - min + 1)) };
}
