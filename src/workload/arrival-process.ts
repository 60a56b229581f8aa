import type { Uniform } from '../engine/random.js';

const CONSTANT = 0;
const RAMP = 1;
const DIURNAL = 2;

/**
 * The open-loop client's arrival times, one at a time: Poisson or evenly spaced, at a rate the
 * timeline may change. A step redraws the pending arrival from the moment of the change, which
 * for Poisson is exact (it is memoryless). A ramp or a diurnal profile makes the Poisson process
 * non-homogeneous, drawn by thinning: candidates at the segment's top rate, each kept with
 * probability rate(t) / top. At a constant rate nothing is thinned and no extra number drawn.
 */
export class ArrivalProcess {
  private kind = CONSTANT;
  private rate: number;
  private from = 0;
  private to = 0;
  private t0 = 0;
  private span = 1;
  private top: number;

  constructor(private readonly poisson: boolean, rate: number, private readonly gaps: Uniform, private readonly thin: Uniform) {
    this.rate = rate;
    this.top = rate;
  }

  /** The rate in requests per second at time t. */
  rateAt(t: number): number {
    if (this.kind === CONSTANT) return this.rate;
    const x = (t - this.t0) / this.span;
    if (this.kind === RAMP) return x >= 1 ? this.to : this.from + (this.to - this.from) * x;
    return this.from + (this.to - this.from) * (1 - Math.cos(2 * Math.PI * x)) / 2;
  }

  /** The time of the next arrival after one at `now`. */
  next(now: number): number {
    if (!this.poisson) return now + 1 / this.rateAt(now);
    let t = now;
    for (;;) {
      t += -Math.log(1 - this.gaps()) / this.top;
      if (this.kind === CONSTANT) return t;
      const r = this.rateAt(t);
      if (this.kind === RAMP && t - this.t0 >= this.span) {
        // Past the ramp's end the rate is constant again: no more thinning.
        this.setRate(this.to, t);
        return t;
      }
      if (this.thin() * this.top < r) return t;
    }
  }

  setRate(rate: number, at: number): void {
    this.kind = CONSTANT;
    this.rate = rate;
    this.top = rate;
    this.t0 = at;
  }

  ramp(to: number, over: number, at: number): void {
    this.from = this.rateAt(at);
    this.to = to;
    this.kind = RAMP;
    this.t0 = at;
    this.span = over;
    this.top = Math.max(this.from, to);
  }

  diurnal(min: number, max: number, period: number, at: number): void {
    this.from = min;
    this.to = max;
    this.kind = DIURNAL;
    this.t0 = at;
    this.span = period;
    this.top = max;
  }
}
