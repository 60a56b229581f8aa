import { durationProblem, parseDuration } from './durations.js';
import type { RunLimits } from './limits.js';
import type { Report } from './placement.js';
import { approx } from './quantities.js';

/** A compared field's values as written: a list, or a range `{ from, to, step }` of numbers or durations. */
export type CompareValue = string | number | boolean;
export type CompareRange = { from: string | number; to: string | number; step: string | number };
export type CompareInput = Record<string, CompareValue[] | CompareRange>;

/** Every compared field's values as a list: ranges are spelt out, from `from` by `step` up to `to`. */
export type CompareLists = Record<string, CompareValue[]>;

/**
 * Turns each range of `compare` into its list of points (numbers stay numbers; durations become
 * duration text in the step's unit, "1.5ms"), reporting bad ranges at their field: a step that is
 * not above 0, a `to` below `from`, a mix of numbers and durations, more points than the run
 * limit of variants. Undefined when anything was reported as an error.
 */
export function expandRanges(compare: CompareInput | undefined, limits: RunLimits, report: Report): CompareLists | undefined {
  const out: CompareLists = {};
  let ok = true;
  for (const [key, values] of Object.entries(compare ?? {})) {
    if (Array.isArray(values)) {
      out[key] = values;
      continue;
    }
    const points = rangePoints(values, (field, message, severity = 'error') => {
      report(severity, ['spec', 'compare', key, ...(field ? [field] : [])], message);
      if (severity === 'error') ok = false;
    }, limits);
    if (points) out[key] = points;
  }
  return ok ? out : undefined;
}

type Problem = (field: 'from' | 'to' | 'step' | undefined, message: string, severity?: 'error' | 'warning') => void;

function rangePoints(range: CompareRange, problem: Problem, limits: RunLimits): CompareValue[] | undefined {
  const fields = ['from', 'to', 'step'] as const;
  // A bare 0 is a duration too, as everywhere in a Scenario: { from: 0, to: 5ms, step: 1ms }.
  const durations = fields.filter((f) => typeof range[f] === 'string');
  if (durations.length > 0 && durations.length < 3 && fields.every((f) => typeof range[f] === 'string' || range[f] === 0)) {
    return rangePoints({ from: String(range.from).replace(/^0$/, '0'), to: String(range.to).replace(/^0$/, '0'), step: String(range.step).replace(/^0$/, '0') }, problem, limits);
  }
  if (durations.length > 0 && durations.length < 3) {
    problem(undefined, `Invalid value: from, to and step must be all numbers (replicas, a rate) or all durations ("1ms"); ${durations.join(' and ')} ${durations.length === 1 ? 'is a duration' : 'are durations'}`);
    return undefined;
  }
  const isDuration = durations.length === 3;
  // Durations are counted in whole nanoseconds, so that "0.1ms" steps add up exactly.
  const read = (f: (typeof fields)[number]): number | undefined => {
    const v = range[f];
    if (typeof v === 'number') return v;
    const why = durationProblem(v);
    if (why) { problem(f, `Invalid value: ${JSON.stringify(v)}: ${why}`); return undefined; }
    return Math.round(parseDuration(v) * 1e9);
  };
  const [from, to, step] = fields.map(read);
  if (from === undefined || to === undefined || step === undefined) return undefined;
  if (!(step > 0)) {
    problem('step', `Invalid value: ${JSON.stringify(range.step)}: must be greater than 0`);
    return undefined;
  }
  if (to < from) {
    problem('to', `Invalid value: ${JSON.stringify(range.to)}: must not be below from (${JSON.stringify(range.from)})`);
    return undefined;
  }
  // A relative slack of 1e-9 keeps "0.1 to 0.3 by 0.1" at three points despite binary fractions.
  const count = Math.floor((to - from) / step * (1 + 1e-9) + 1e-9) + 1;
  if (count > limits.variants) {
    problem(undefined, `Invalid value: ${approx(count)} points from ${JSON.stringify(range.from)} to ${JSON.stringify(range.to)} by ${JSON.stringify(range.step)}, `
      + `more than the limit of ${approx(limits.variants)} variants; take a larger step, or run with --allow-large`);
    return undefined;
  }
  const points = Array.from({ length: count }, (_, i) => from + i * step);
  const last = points[points.length - 1];
  if (Math.abs(last - to) > step * 1e-9) {
    const lastText = isDuration ? durationText(last, step) : String(roundPoint(last));
    problem('to', `${JSON.stringify(range.to)} is not a whole number of steps from ${JSON.stringify(range.from)}: the last point is ${lastText}`, 'warning');
  }
  return points.map((p) => (isDuration ? durationText(p, step) : roundPoint(p)));
}

/** 12 significant digits: 0.1 + 2 x 0.1 is 0.3, as written. */
function roundPoint(x: number): number {
  return Number(x.toPrecision(12));
}

const UNITS: Array<[string, number]> = [['s', 1e9], ['ms', 1e6], ['us', 1e3], ['ns', 1]];

/** Nanoseconds as duration text in the largest unit that the step and the value are both at least one of: 1500000 by 500000 -> "1.5ms". */
function durationText(ns: number, step: number): string {
  if (ns === 0) return '0s';
  const limit = Math.min(Math.abs(ns), step);
  const [unit, size] = UNITS.find(([, s]) => limit >= s) ?? ['ns', 1];
  return `${roundPoint(ns / size)}${unit}`;
}
