import { z } from 'zod';
import { DURATION_FORM, DURATION_PATTERN, durationProblem, parseDuration } from './durations.js';
import { MAX_COUNT_MEAN, MAX_INT32 } from './limits.js';

/**
 * The Scenario's values, each with its range: durations, distributions of durations, counts,
 * shares. scenario-schema.ts builds the document from them.
 */

const DurationText = z
  .string()
  .regex(DURATION_PATTERN, { message: DURATION_FORM })
  // What the pattern cannot see: a sum too large for a float64, or above 1000000h. (An aborting
  // regex would make the union report its other branch, "supported values: 0", for a malformed text.)
  .superRefine((text, ctx) => {
    const problem = durationProblem(text);
    if (problem !== undefined && problem !== DURATION_FORM) ctx.addIssue({ code: 'custom', message: problem });
  });

export const Duration = z
  .union([z.literal(0), DurationText])
  .describe('A non-negative duration as Kubernetes writes them (Go\'s time.ParseDuration): decimal numbers, each with a unit ns, us (or µs), ms, s, m or h, e.g. "250ms", "1m30s", "1.5h", "1e3ms"; or 0. At most 1000000h.');

/**
 * A duration that must not be zero: an interval, a period, a timeout. Zero would divide by zero
 * or schedule the same event for ever. (The published schema says `not: 0`; "0s" it cannot see.)
 */
export const PositiveDuration = Duration
  // A malformed text has its own issue already: zod runs this refinement all the same.
  .refine((d) => (typeof d === 'string' && durationProblem(d) !== undefined) || parseDuration(d) > 0, { message: 'must be greater than 0' })
  .meta({ not: { const: 0 } })
  .describe('A duration greater than 0, e.g. "10s" (at most 1000000h).');

/** A whole number Kubernetes keeps in an int32 (replicas and the like). */
export const Int32 = (min: 0 | 1) => z.number().int().min(min).max(MAX_INT32);

const PercentileKey = /^p(100|\d{1,2}(\.\d+)?)$/;

const DistributionObject = z
  .strictObject({
    constant: Duration.optional(),
    exponential: z.strictObject({ mean: Duration }).optional(),
    uniform: z.strictObject({ min: Duration, max: Duration }).optional(),
    normal: z.strictObject({ mean: Duration, stddev: Duration }).optional().describe('Clamped at zero.'),
    lognormal: z
      .strictObject({
        mean: Duration.optional(),
        p99: Duration.optional(),
        mu: z.number().optional().describe('Mean of ln(seconds); the mean exp(mu + sigma^2/2) must be at most a day.'),
        sigma: z.number().nonnegative().optional().describe('Standard deviation of ln(seconds).'),
      })
      .optional()
      .describe('Either mean and p99, or mu and sigma.'),
    empirical: z
      .strictObject({
        values: z.array(Duration).min(1).optional(),
        percentiles: z
          .record(z.string().regex(PercentileKey, { message: 'percentile keys are p0 ... p100, e.g. p50, p99.9' }), Duration)
          .optional()
          .describe('Piecewise-linear inverse CDF; must include p0 and p100.'),
      })
      .optional(),
  })
  .describe('Exactly one of: constant, exponential, uniform, normal, lognormal, empirical. Its mean must be at most 24h.');

export const DistributionSpec = z
  .union([Duration, DistributionObject])
  .describe('A duration (constant) or a distribution of durations.');

export const Count = z
  .union([
    Int32(1),
    z.strictObject({ geometric: z.strictObject({ mean: z.number().min(1).max(MAX_COUNT_MEAN) }) }),
    z.strictObject({ uniform: z.strictObject({ min: Int32(1), max: Int32(1) }) }),
  ])
  .describe('A whole number from 1 to 2147483647, or a distribution of them: geometric (by mean, 1 to 10^9) or uniform (min <= max).');

/** A weight or share: finite, and small enough that a sum of many stays finite. */
export const Share = z.number().max(1e9);

