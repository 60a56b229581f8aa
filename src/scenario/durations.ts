/**
 * Durations as Go's time.ParseDuration reads them, so as kubectl and every Kubernetes field do:
 * decimal numbers each followed by a unit, "250ms", "1m30s", "1.5h", "2h45m", or a plain "0".
 * svcsim also takes an exponent on each number ("1e3ms"), and no sign: a duration is a length.
 */
const NUMBER = '(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
// µ is U+00B5 (micro sign), μ U+03BC (Greek mu): Go accepts both, as keyboards type either.
const UNIT = 'ns|us|[µμ]s|ms|s|m|h';
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const TERM = new RegExp(`(${NUMBER})(${UNIT})`, 'g');

/** The grammar, anchored: the Scenario schema's pattern, so the published JSON Schema carries it. */
export const DURATION_PATTERN = new RegExp(`^(?:0|(?:${NUMBER}(?:${UNIT}))+)$`);

export const DURATION_FORM = 'must be a duration, like "250ms", "1m30s" or "1.5h" (units ns, us, ms, s, m, h)';
export const DURATION_NOT_FINITE = 'must add up to a finite number of seconds';
/**
 * The longest duration svcsim reads, 10^6 hours (about 114 years): far beyond any run, and small
 * enough that sums and products of a few durations stay finite on their way to the engine.
 */
export const MAX_DURATION_SECONDS = 3.6e9;
export const DURATION_TOO_LONG = 'must be at most 1000000h';

/** Why `text` is not a duration (a message for "Invalid value: ..."), or undefined when it is one. */
export function durationProblem(text: string): string | undefined {
  if (!DURATION_PATTERN.test(text)) return DURATION_FORM;
  const seconds = sumSeconds(text);
  if (!Number.isFinite(seconds)) return DURATION_NOT_FINITE;
  if (seconds > MAX_DURATION_SECONDS) return DURATION_TOO_LONG;
  return undefined;
}

/** "1m30s" -> 90, "0.2ms" -> 0.0002 (seconds); the schema's number 0 -> 0. */
export function parseDuration(d: string | number): number {
  if (typeof d === 'number') return d;
  const problem = durationProblem(d);
  if (problem) throw new RangeError(`Invalid value: ${JSON.stringify(d)}: ${problem}`);
  return sumSeconds(d);
}

function sumSeconds(text: string): number {
  let seconds = 0;
  for (const [, number, unit] of text.matchAll(TERM)) seconds += Number(number) * UNIT_SECONDS[unit];
  return seconds;
}

/** 0.0002 -> "0.2ms": for messages and reports. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0';
  if (seconds < 1e-6) return `${+(seconds * 1e9).toPrecision(4)}ns`;
  if (seconds < 1e-3) return `${+(seconds * 1e6).toPrecision(4)}us`;
  if (seconds < 1) return `${+(seconds * 1e3).toPrecision(4)}ms`;
  return `${+seconds.toPrecision(4)}s`;
}
