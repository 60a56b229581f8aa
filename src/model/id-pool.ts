/**
 * Recycled integer ids for tables of typed-array columns: an id is free again as soon as its
 * row is closed, so a table's size follows what is in flight, not what has passed through.
 */
export class IdPool {
  private free: Int32Array;
  private freeTop = 0;
  private used = 0;
  /** Rows the columns hold; `take` says when they must grow. */
  capacity: number;

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.free = new Int32Array(capacity);
  }

  get inUse(): number {
    return this.used - this.freeTop;
  }

  /** A free id; when every row is taken, the table grows its columns to twice the capacity first. */
  take(table: { grow(rows: number): void }): number {
    if (this.freeTop > 0) return this.free[--this.freeTop];
    if (this.used === this.capacity) {
      this.capacity *= 2;
      this.free = grown(this.free, this.capacity);
      table.grow(this.capacity);
    }
    return this.used++;
  }

  release(id: number): void {
    this.free[this.freeTop++] = id;
  }
}

/** A copy of `a` with room for `n` elements. */
export function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
