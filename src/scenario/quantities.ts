import { formatDuration } from './durations.js';

/** Numbers for messages about estimates: three digits, powers of ten from a million ("2.2e12"). */
export function approx(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n < 1e6) return String(Number.isInteger(n) ? n : +n.toPrecision(3));
  const e = Math.floor(Math.log10(n));
  const m = +(n / 10 ** e).toPrecision(2);
  return m >= 10 ? `1e${e + 1}` : `${m}e${e}`;
}

/** A simulated time for a message: "11.1s", "2.4e6s (28 days)". */
export function span(seconds: number): string {
  if (seconds < 1) return formatDuration(seconds);
  const days = seconds / 86400;
  const human = days >= 730 ? `${approx(days / 365)} years` : days >= 2 ? `${approx(days)} days` : seconds >= 7200 ? `${approx(seconds / 3600)}h` : '';
  return `${approx(seconds)}s${human ? ` (${human})` : ''}`;
}

/** "1.5 GiB", "200 MiB". */
export function bytes(n: number): string {
  return n >= 2 ** 30 ? `${approx(n / 2 ** 30)} GiB` : `${approx(n / 2 ** 20)} MiB`;
}
