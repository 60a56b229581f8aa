import { createDistribution, type DistributionSpec } from '../engine/distributions.js';
import { formatDuration, parseDuration } from './durations.js';
import { MAX_MEAN_SECONDS } from './limits.js';
import type { DistributionInput } from './scenario-schema.js';

const KINDS = ['constant', 'exponential', 'uniform', 'normal', 'lognormal', 'empirical'] as const;

/**
 * A distribution's Scenario form resolved to plain data in seconds. Throws RangeError with a
 * message fit for the user when the parameters are inconsistent (the schema checks only their
 * shapes); the sampler is built once here to find out, so a run never meets a bad spec. Its mean
 * must be finite and at most a day: `lognormal: {mu: 1000, sigma: 0}` draws Infinity.
 */
export function distributionSpec(input: DistributionInput): DistributionSpec {
  const spec = resolve(input);
  const { mean } = createDistribution(spec, () => 0.5);
  if (!Number.isFinite(mean)) throw new RangeError('its mean is not a finite number of seconds (every draw would be Infinity or NaN)');
  if (mean > MAX_MEAN_SECONDS) throw new RangeError(`its mean, ${formatDuration(mean)}, is above 24h (the longest mean svcsim takes)`);
  return spec;
}

/** The mean of a checked distribution, in seconds (for cost estimates). */
export function distributionMean(spec: DistributionSpec): number {
  return createDistribution(spec, () => 0.5).mean;
}

function resolve(spec: DistributionInput): DistributionSpec {
  if (typeof spec === 'string' || typeof spec === 'number') return { kind: 'constant', value: parseDuration(spec) };
  const given = KINDS.filter((k) => spec[k] !== undefined);
  if (given.length !== 1) {
    throw new RangeError(given.length === 0
      ? `a distribution needs one of: ${KINDS.join(', ')}`
      : `a distribution takes exactly one of ${KINDS.join(', ')}; got ${given.join(' and ')}`);
  }
  if (spec.constant !== undefined) return { kind: 'constant', value: parseDuration(spec.constant) };
  if (spec.exponential) return { kind: 'exponential', mean: parseDuration(spec.exponential.mean) };
  if (spec.uniform) {
    const [min, max] = [parseDuration(spec.uniform.min), parseDuration(spec.uniform.max)];
    if (min > max) throw new RangeError(`uniform: min ${JSON.stringify(spec.uniform.min)} is above max ${JSON.stringify(spec.uniform.max)}`);
    return { kind: 'uniform', min, max };
  }
  if (spec.normal) return { kind: 'normal', mean: parseDuration(spec.normal.mean), stddev: parseDuration(spec.normal.stddev) };
  if (spec.lognormal) {
    const l = spec.lognormal;
    const byMean = l.mean !== undefined || l.p99 !== undefined;
    const byMu = l.mu !== undefined || l.sigma !== undefined;
    if (byMean === byMu) throw new RangeError('lognormal takes either mean and p99, or mu and sigma');
    if (byMean) {
      if (l.mean === undefined || l.p99 === undefined) throw new RangeError('lognormal needs both mean and p99');
      return { kind: 'lognormal', mean: parseDuration(l.mean), p99: parseDuration(l.p99) };
    }
    if (l.mu === undefined || l.sigma === undefined) throw new RangeError('lognormal needs both mu and sigma');
    return { kind: 'lognormal', mu: l.mu, sigma: l.sigma };
  }
  const e = spec.empirical!;
  if ((e.values === undefined) === (e.percentiles === undefined)) throw new RangeError('empirical takes either values or percentiles');
  if (e.values) return { kind: 'empirical', values: e.values.map(parseDuration) };
  return { kind: 'empirical', percentiles: Object.entries(e.percentiles!).map(([k, v]) => [Number(k.slice(1)) / 100, parseDuration(v)]) };
}
