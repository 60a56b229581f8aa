import type { Objective } from '../stats/results.js';
import { DURATION_FORM, durationProblem, parseDuration } from './durations.js';

/** The objectives users write, by metric: the summary column each judges and how its threshold is written. */
const METRICS: Record<string, { metric: string; threshold: 'duration' | 'percent' }> = {
  mean: { metric: 'latency_mean_ms', threshold: 'duration' },
  p50: { metric: 'latency_p50_ms', threshold: 'duration' },
  p90: { metric: 'latency_p90_ms', threshold: 'duration' },
  p99: { metric: 'latency_p99_ms', threshold: 'duration' },
  p999: { metric: 'latency_p999_ms', threshold: 'duration' },
  'p99.9': { metric: 'latency_p999_ms', threshold: 'duration' },
  max: { metric: 'latency_max_ms', threshold: 'duration' },
  errors: { metric: 'error_fraction', threshold: 'percent' },
  // The busiest pod's: an objective on utilization is about the pod that saturates first.
  utilization: { metric: 'pod_util_max', threshold: 'percent' },
};

export const SLO_FORM = 'must be like "p99<=50ms", "mean<=20ms", "errors<=0.1%" or "utilization<=70%"';

const SHAPE = /^([a-z0-9.]+)(<=|<)(.+)$/;

/** The shape of an objective, for the published schema: an editor flags "p99=50ms" as it is typed. */
export const SLO_PATTERN = /^\s*[a-z0-9.]+\s*<=?\s*\S+\s*$/;
const PERCENT = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)%$/;

/**
 * Reads one objective as users write them, "p99<=50ms" (spaces anywhere are ignored): a metric
 * (mean, p50, p90, p99, p999 or p99.9, max, errors, utilization), `<=` or `<`, and a threshold:
 * a duration in svcsim's one grammar for latency, a percentage for errors and utilization.
 * Returns the objective, or why the text is not one (to follow "Invalid value: TEXT: ").
 */
export function parseObjective(written: string): Objective | { problem: string } {
  const text = written.replace(/\s+/g, '');
  const shape = SHAPE.exec(text);
  if (!shape) return { problem: SLO_FORM };
  const [, name, op, value] = shape;
  const known = METRICS[name];
  if (!known) return { problem: `unknown metric "${name}": supported metrics: ${Object.keys(METRICS).join(', ')}` };
  let threshold: number;
  if (known.threshold === 'duration') {
    if (durationProblem(value)) return { problem: `the threshold of ${name} ${DURATION_FORM}` };
    threshold = parseDuration(value);
  } else {
    if (!PERCENT.test(value)) return { problem: `the threshold of ${name} must be a percentage, like "0.1%" or "70%"` };
    threshold = Number(value.slice(0, -1)) / 100;
    if (threshold > 1) return { problem: `the threshold of ${name} must be at most 100%` };
  }
  const column = `slo_${name === 'p99.9' ? 'p999' : name}_${op === '<=' ? 'le' : 'lt'}_${value.replace('%', 'pct')}`;
  return { text, column, metric: known.metric, op: op as Objective['op'], threshold };
}

/** Objectives in order, each once: a second objective with the same column is the same objective. */
export function distinctObjectives(objectives: readonly Objective[]): Objective[] {
  const seen = new Set<string>();
  return objectives.filter((o) => !seen.has(o.column) && seen.add(o.column));
}
