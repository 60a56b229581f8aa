const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** "0.2ms" -> 0.0002 (seconds). The schema has already checked the form. */
export function parseDuration(d: string | number): number {
  if (typeof d === 'number') return d;
  const m = /^([0-9.eE+-]+?)(ns|us|µs|ms|s|m|h)$/.exec(d);
  if (!m) throw new RangeError(`not a duration: ${JSON.stringify(d)}`);
  return Number(m[1]) * UNIT_SECONDS[m[2]];
}

/** 0.0002 -> "0.2ms": for messages and reports. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0';
  if (seconds < 1e-6) return `${+(seconds * 1e9).toPrecision(4)}ns`;
  if (seconds < 1e-3) return `${+(seconds * 1e6).toPrecision(4)}us`;
  if (seconds < 1) return `${+(seconds * 1e3).toPrecision(4)}ms`;
  return `${+seconds.toPrecision(4)}s`;
}
