/**
 * Confidence intervals of a mean from (approximately) independent, normal observations: the
 * Student-t interval mean +- t(1 - (1 - level)/2, n - 1) * s / sqrt(n).
 *
 * The t quantile is computed, not tabulated: the t CDF is a regularized incomplete beta
 * function, evaluated by its continued fraction, and inverted by safeguarded Newton steps.
 */

export interface ConfidenceInterval {
  mean: number;
  /** Half the width of the interval; NaN with fewer than two observations. */
  halfWidth: number;
  n: number;
}

/** The p-quantile of Student's t distribution with `df` degrees of freedom (df > 0, 0 < p < 1). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`df must be a positive finite number, got ${df}`);
  if (p === 0.5) return 0;
  // Solve for the upper tail, not the CDF: 1 - p near 1 keeps its digits in the tail form.
  const tail = p > 0.5 ? 1 - p : p;
  const t = upperTailInverse(tail, df);
  return p > 0.5 ? t : -t;
}

/** P(T > t) for t >= 0. */
export function studentTUpperTail(t: number, df: number): number {
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  const t2 = t * t;
  // x = df/(df+t^2) and 1-x are both computed directly, so neither loses digits to cancellation.
  return 0.5 * regularizedBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

/** Density of Student's t distribution. */
function studentTDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The t >= 0 with P(T > t) = alpha, for 0 < alpha < 0.5. */
function upperTailInverse(alpha: number, df: number): number {
  // Bracket [lo, hi] with tail(lo) > alpha >= tail(hi); the tail decreases in t.
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > alpha) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) throw new RangeError(`t quantile overflows for alpha=${alpha}, df=${df}`);
  }
  // Newton on ln(tail) - ln(alpha), nearly linear in the tails; a step leaving the bracket
  // is replaced by bisection, so convergence is guaranteed.
  const logAlpha = Math.log(alpha);
  let t = hi;
  for (let i = 0; i < 200; i++) {
    const q = studentTUpperTail(t, df);
    if (q > alpha) lo = t; else hi = t;
    const g = Math.log(q) - logAlpha;
    const slope = -studentTDensity(t, df) / q;
    let next = t - g / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, t) || hi - lo <= 1e-15 * Math.max(1, hi)) return next;
    t = next;
  }
  return t;
}

/** I_x(a, b), given x and 1 - x separately. */
function regularizedBeta(x: number, oneMinusX: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  const logFront = a * Math.log(x) + b * Math.log(oneMinusX) - logBeta(a, b);
  // The continued fraction converges fast only for x < (a+1)/(a+b+2); beyond it, use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(oneMinusX, b, a)) / b;
}

/** The incomplete beta continued fraction, by the modified Lentz method. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const eps = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < eps) return h;
  }
  return h;
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

// Lanczos approximation (g = 7, 9 terms): relative error about 1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * The `level` (e.g. 0.95) confidence interval of the mean of independent, roughly normal
 * observations, such as the means of independent replications.
 */
export function meanConfidenceInterval(values: readonly number[], level: number): ConfidenceInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = values.length;
  if (n === 0) return { mean: NaN, halfWidth: NaN, n };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth: NaN, n };
  // Two passes: the sum of squared deviations does not cancel as sum(x^2) - n*mean^2 can.
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const stddev = Math.sqrt(ss / (n - 1));
  const t = studentTQuantile(1 - (1 - level) / 2, n - 1);
  return { mean, halfWidth: (t * stddev) / Math.sqrt(n), n };
}

/**
 * The confidence interval of a steady-state mean from the batch means of one long run: the run
 * (after warm-up) is cut into consecutive batches of equal size and each batch's mean is one
 * observation. Batch means are treated as independent, which holds when a batch is much longer
 * than the output's correlation time; 10 to 30 batches is the usual choice.
 */
export function batchMeansInterval(batchMeans: readonly number[], level: number): ConfidenceInterval {
  return meanConfidenceInterval(batchMeans, level);
}
