import {
  Constant, EmpiricalPercentiles, EmpiricalValues, Exponential, LogNormal, NonNegative, Normal, UniformRange,
  type Distribution,
} from '../engine/distributions.js';
import type { Uniform } from '../engine/random.js';
import { parseDuration } from './durations.js';
import type { DistributionInput } from './scenario-schema.js';

const KINDS = ['constant', 'exponential', 'uniform', 'normal', 'lognormal', 'empirical'] as const;

/**
 * Builds a sampler of seconds from its Scenario form. Throws RangeError with a message fit for
 * the user when the parameters are inconsistent (the schema checks only their shapes).
 */
export function buildDistribution(spec: DistributionInput, u: Uniform): Distribution {
  if (typeof spec === 'string' || typeof spec === 'number') return new Constant(parseDuration(spec));
  const given = KINDS.filter((k) => spec[k] !== undefined);
  if (given.length !== 1) {
    throw new RangeError(given.length === 0
      ? `a distribution needs one of: ${KINDS.join(', ')}`
      : `a distribution takes exactly one of ${KINDS.join(', ')}; got ${given.join(' and ')}`);
  }
  if (spec.constant !== undefined) return new Constant(parseDuration(spec.constant));
  if (spec.exponential) return new Exponential(parseDuration(spec.exponential.mean), u);
  if (spec.uniform) return new UniformRange(parseDuration(spec.uniform.min), parseDuration(spec.uniform.max), u);
  if (spec.normal) return new NonNegative(new Normal(parseDuration(spec.normal.mean), parseDuration(spec.normal.stddev), u));
  if (spec.lognormal) {
    const l = spec.lognormal;
    const byMean = l.mean !== undefined || l.p99 !== undefined;
    const byMu = l.mu !== undefined || l.sigma !== undefined;
    if (byMean === byMu) throw new RangeError('lognormal takes either mean and p99, or mu and sigma');
    if (byMean) {
      if (l.mean === undefined || l.p99 === undefined) throw new RangeError('lognormal needs both mean and p99');
      return LogNormal.fromMeanP99(parseDuration(l.mean), parseDuration(l.p99), u);
    }
    if (l.mu === undefined || l.sigma === undefined) throw new RangeError('lognormal needs both mu and sigma');
    return new LogNormal(l.mu, l.sigma, u);
  }
  const e = spec.empirical!;
  if ((e.values === undefined) === (e.percentiles === undefined)) throw new RangeError('empirical takes either values or percentiles');
  if (e.values) return new EmpiricalValues(e.values.map(parseDuration), u);
  const points = Object.entries(e.percentiles!).map(([k, v]) => [Number(k.slice(1)) / 100, parseDuration(v)] as const);
  return new EmpiricalPercentiles(points, u);
}
