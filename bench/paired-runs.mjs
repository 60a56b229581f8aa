// What the paired A/B benchmarks share (ab-in-process.mjs, ab-steady.mjs): running pairs of two
// builds in alternating order, and the median of the pairs' ratios with its distribution-free 95%
// interval.

export const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => { const s = sorted(xs); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** The median's 95% interval: the k-th smallest and largest values, k from the binomial(n, 1/2) tail (the sign test). */
export function medianInterval(xs) {
  const s = sorted(xs);
  const n = s.length;
  let k = 0;
  let tail = 0.5 ** n; // P(X <= 0)
  const choose = (n, r) => { let c = 1; for (let j = 1; j <= r; j++) c = (c * (n - r + j)) / j; return c; };
  while (k + 1 < n / 2 && tail + choose(n, k + 1) * 0.5 ** n <= 0.025) { k++; tail += choose(n, k) * 0.5 ** n; }
  return [s[k], s[n - 1 - k]];
}

/**
 * `pairs` pairs of `seconds(build)` for builds A and B, A first in even pairs and B first in odd
 * ones, so a slow spell of the machine meets both alike. Progress goes to stderr.
 */
export function runPairs(builds, seconds, pairs) {
  const times = { A: [], B: [] };
  const ratios = [];
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? builds : [...builds].reverse();
    const t = {};
    for (const b of order) t[b.label] = seconds(b);
    times.A.push(t.A); times.B.push(t.B);
    ratios.push(t.B / t.A);
    console.error(`pair ${i + 1}/${pairs}: A ${t.A.toFixed(3)} s, B ${t.B.toFixed(3)} s, B/A ${(t.B / t.A).toFixed(3)}`);
  }
  return { times, ratios };
}

/** The closing line: the median of the ratios B / A and its interval. */
export function ratioLine(ratios) {
  const [lo, hi] = medianInterval(ratios);
  return `B / A, median of the pairs' ratios: ${median(ratios).toFixed(3)} (95% interval ${lo.toFixed(3)} to ${hi.toFixed(3)})`;
}
