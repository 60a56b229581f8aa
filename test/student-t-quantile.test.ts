import { expect, test } from 'vitest';
import { studentTQuantile, studentTUpperTail } from '../src/stats/confidence.js';

// Reference values to 15 digits (SciPy's stats.t.ppf), covering the table's corners.
const table: Array<[df: number, p: number, t: number]> = [
  [1, 0.95, 6.313751514675037],
  [1, 0.975, 12.706204736174694],
  [1, 0.9995, 636.6192487687897],
  [2, 0.975, 4.302652729749462],
  [2, 0.9995, 31.599054576445365],
  [2.5, 0.9, 1.7302509288071766],
  [3, 0.995, 5.840909309733355],
  [4, 0.6, 0.2707222947075976],
  [5, 0.975, 2.5705818356363146],
  [5, 0.995, 4.032142983555228],
  [7, 0.999999, 14.241469651921154],
  [9, 0.9995, 4.780912585931217],
  [10, 0.95, 1.8124611228116756],
  [10, 0.975, 2.228138851986274],
  [19, 0.9995, 3.883405852592131],
  [30, 0.975, 2.0422724563012378],
  [120, 0.975, 1.9799304050824402],
  [1_000_000, 0.975, 1.959966356814107],
];

test('t quantiles match table values to 1e-9 relative', () => {
  for (const [df, p, t] of table) {
    const got = studentTQuantile(p, df);
    expect(Math.abs(got - t) / t, `df=${df}, p=${p}: got ${got}, want ${t}`).toBeLessThan(1e-9);
  }
});

test('t quantiles match the closed forms for 1 and 2 degrees of freedom across p', () => {
  for (let p = 0.001; p < 1; p += 0.0137) {
    const cauchy = Math.tan(Math.PI * (p - 0.5));
    const df2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    expect(Math.abs(studentTQuantile(p, 1) - cauchy)).toBeLessThan(1e-9 * Math.max(1, Math.abs(cauchy)));
    expect(Math.abs(studentTQuantile(p, 2) - df2)).toBeLessThan(1e-9 * Math.max(1, Math.abs(df2)));
  }
});

test('the quantile is symmetric, zero at the median, and inverts the upper tail', () => {
  expect(studentTQuantile(0.5, 3)).toBe(0);
  expect(studentTQuantile(0.025, 10)).toBeCloseTo(-studentTQuantile(0.975, 10), 12);
  for (const df of [1, 3, 29]) {
    for (const q of [0.4, 0.1, 1e-3, 1e-8]) {
      expect(studentTUpperTail(studentTQuantile(1 - q, df), df) / q).toBeCloseTo(1, 6);
    }
  }
});

test('p outside (0, 1) or a non-positive df is rejected', () => {
  expect(() => studentTQuantile(1, 5)).toThrow(new RangeError('p must be in (0, 1), got 1'));
  expect(() => studentTQuantile(0.9, 0)).toThrow(new RangeError('df must be a positive finite number, got 0'));
});
