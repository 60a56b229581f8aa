import type { Uniform } from '../engine/random.js';
import type { CountInput } from '../scenario/scenario-schema.js';

/**
 * The external clients: `size` distinct IP addresses, each in a zone. Zones are handed out in
 * order of the shares (client i's zone is where i/size falls in the cumulative shares), so the
 * split is exact and draws no random numbers; which client sends each request is random.
 */
export class ClientPopulation {
  readonly size: number;
  /** Zone index of each client, into `zones`. */
  readonly zoneOf: Int32Array;
  readonly zones: string[];

  constructor(size: number, shares: ReadonlyArray<readonly [string, number]>, private readonly u: Uniform) {
    this.size = size;
    this.zones = shares.map(([zone]) => zone);
    this.zoneOf = new Int32Array(size);
    const total = shares.reduce((sum, [, w]) => sum + w, 0);
    if (!(total > 0)) throw new RangeError('client zone shares must add up to more than 0');
    let zone = 0;
    let upTo = shares[0][1] / total;
    for (let i = 0; i < size; i++) {
      while ((i + 0.5) / size > upTo && zone < shares.length - 1) upTo += shares[++zone][1] / total;
      this.zoneOf[i] = zone;
    }
  }

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

export function buildCount(spec: CountInput, u: Uniform): CountSampler {
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
