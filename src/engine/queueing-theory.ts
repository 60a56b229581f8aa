/**
 * Closed-form results of queueing theory, to validate the simulator against. Rates are per
 * second (lambda: arrival rate, mu: service rate of one server); times come out in seconds.
 * "Wait" is time in the queue before service; "response" is wait plus service.
 */

function requireRates(lambda: number, mu: number): void {
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be a positive rate, got ${lambda}`);
  if (!(mu > 0) || !Number.isFinite(mu)) throw new RangeError(`mu must be a positive rate, got ${mu}`);
}

function requireStable(lambda: number, capacity: number): void {
  if (!(lambda < capacity)) throw new RangeError(`unstable queue: lambda (${lambda}) must be below the service capacity (${capacity})`);
}

function requireServers(c: number): void {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`servers must be an integer >= 1, got ${c}`);
}

/** M/M/1 mean response time, 1/(mu - lambda). */
export function mm1MeanResponse(lambda: number, mu: number): number {
  requireRates(lambda, mu);
  requireStable(lambda, mu);
  return 1 / (mu - lambda);
}

/** M/M/1 (FIFO) response-time p-quantile: the response time is exponential with rate mu - lambda. */
export function mm1ResponseQuantile(lambda: number, mu: number, p: number): number {
  requireRates(lambda, mu);
  requireStable(lambda, mu);
  if (!(p >= 0 && p < 1)) throw new RangeError(`p must be in [0, 1), got ${p}`);
  return -Math.log1p(-p) / (mu - lambda);
}

/**
 * Erlang C: the probability that an arrival to an M/M/c queue has to wait. Computed from the
 * Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), which neither overflows nor cancels for
 * large c, then C = B / (1 - rho (1 - B)).
 */
export function erlangC(c: number, lambda: number, mu: number): number {
  requireServers(c);
  requireRates(lambda, mu);
  requireStable(lambda, c * mu);
  const a = lambda / mu;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** M/M/c mean wait in the queue: ErlangC / (c mu - lambda). */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda, mu) / (c * mu - lambda);
}

/**
 * M/M/c/K blocking probability: the stationary probability of K jobs in the system (by PASTA,
 * the fraction of arrivals turned away). p_n is proportional to a^n/n! for n <= c and to
 * a^c/c! rho^(n-c) above; the terms are built by ratios, so any lambda (even above c mu) works.
 */
export function mmckBlocking(c: number, k: number, lambda: number, mu: number): number {
  requireServers(c);
  requireRates(lambda, mu);
  if (!Number.isInteger(k) || k < c) throw new RangeError(`K must be an integer >= c (${c}), got ${k}`);
  const a = lambda / mu;
  let term = 1;
  let total = 1;
  for (let n = 1; n <= k; n++) {
    term *= a / Math.min(n, c);
    total += term;
  }
  return term / total;
}

/** M/D/1 mean wait (Pollaczek-Khinchine with deterministic service 1/mu): rho / (2 mu (1 - rho)). */
export function md1MeanWait(lambda: number, mu: number): number {
  requireRates(lambda, mu);
  requireStable(lambda, mu);
  const rho = lambda / mu;
  return rho / (2 * mu * (1 - rho));
}

/**
 * M/M/c (FIFO) response-time tail P(T > t): with probability 1 - C no wait, else an exponential
 * wait of rate theta = c mu - lambda; then an exponential service of rate mu. The sum of the two
 * exponentials has tail (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu) (mu t e^(-mu t) more
 * when theta = mu).
 */
export function mmcResponseTail(c: number, lambda: number, mu: number, t: number): number {
  const wait = erlangC(c, lambda, mu);
  const theta = c * mu - lambda;
  const served = Math.exp(-mu * t);
  const both = Math.abs(theta - mu) < 1e-12 * mu
    ? served * (1 + mu * t)
    : (theta * served - mu * Math.exp(-theta * t)) / (theta - mu);
  return (1 - wait) * served + wait * both;
}

/** M/M/c (FIFO) response-time p-quantile, by bisection on the tail (it decreases in t). */
export function mmcResponseQuantile(c: number, lambda: number, mu: number, p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`p must be in [0, 1), got ${p}`);
  let high = 1 / mu;
  while (mmcResponseTail(c, lambda, mu, high) > 1 - p) high *= 2;
  let low = 0;
  for (let k = 0; k < 100 && high - low > 1e-12 * high; k++) {
    const mid = (low + high) / 2;
    if (mmcResponseTail(c, lambda, mu, mid) > 1 - p) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * Allen-Cunneen's M/G/c mean wait: the M/M/c wait scaled by (1 + cs^2) / 2, cs^2 the squared
 * coefficient of variation of the service time (exact for c = 1, Pollaczek-Khinchine; within a
 * few per cent for larger c at the loads planning cares about).
 */
export function allenCunneenMeanWait(c: number, lambda: number, mu: number, serviceScv: number): number {
  if (!(serviceScv >= 0) || !Number.isFinite(serviceScv)) throw new RangeError(`serviceScv must be a finite number >= 0, got ${serviceScv}`);
  return mmcMeanWait(c, lambda, mu) * (1 + serviceScv) / 2;
}
