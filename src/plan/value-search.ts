/**
 * The search for the smallest whole value in [lowest, max] that meets the objectives, assuming
 * that meeting them is monotone in the value (more replicas or workers never hurt). Pure: it
 * proposes values and is told whether each met them; it runs nothing.
 *
 * From a starting guess (queueing theory's) it gallops, by steps of 1, 2, 4, ..., upward while
 * values fail and downward while they pass, until it holds a failing value below a passing one;
 * then it bisects between them. It ends when the passing value's neighbour below is known to fail
 * (or is below `lowest`), or when `max` fails: then there is no answer.
 */
export class ValueSearch {
  /** The largest value known not to meet the objectives: everything below `lowest` does not. */
  private failing: number;
  /** The smallest value known to meet them. */
  private passing: number | undefined;
  private step = 1;
  private readonly tried = new Set<number>();

  constructor(private readonly lowest: number, private readonly max: number, private readonly start: number) {
    if (!(Number.isInteger(lowest) && Number.isInteger(max) && Number.isInteger(start))) throw new RangeError('values must be whole numbers');
    this.failing = lowest - 1;
  }

  /** The next value to try, or undefined when the search is over. */
  next(): number | undefined {
    if (this.passing === undefined) {
      if (this.failing >= this.max) return undefined;
      if (this.tried.size === 0) return Math.min(this.max, Math.max(this.lowest, this.start));
      return Math.min(this.max, this.failing + this.step);
    }
    if (this.passing - 1 <= this.failing) return undefined;
    if (!this.hasFailed()) return Math.max(this.lowest, this.passing - this.step);
    return Math.floor((this.failing + this.passing) / 2);
  }

  /** Records whether `value` met the objectives. */
  record(value: number, meets: boolean): void {
    const galloping = meets ? !this.hasFailed() : this.passing === undefined;
    this.tried.add(value);
    if (meets) this.passing = this.passing === undefined ? value : Math.min(this.passing, value);
    else this.failing = Math.max(this.failing, value);
    // The first step from the start is 1 either way; each further one in the same direction doubles.
    if (galloping && this.tried.size > 1) this.step *= 2;
  }

  /** The smallest value that meets the objectives, once next() is undefined; undefined if none up to max does. */
  answer(): number | undefined {
    return this.passing;
  }

  /**
   * About how many more values the search will try, for a progress estimate (not a promise): 2
   * before it starts (theory's guess and its neighbour), 3 while it gallops, and the bisection's
   * steps once it has a passing value.
   */
  remaining(): number {
    if (this.next() === undefined) return 0;
    if (this.tried.size === 0) return 2;
    if (this.passing === undefined) return 3;
    return Math.max(1, Math.ceil(Math.log2(this.passing - this.failing)));
  }

  private hasFailed(): boolean {
    return this.failing >= this.lowest;
  }
}
