import FastPriorityQueue from 'fastpriorityqueue';

/**
 * The pending-event set: a binary heap (fastpriorityqueue) of slot numbers, with each event's
 * fields in typed-array side tables indexed by slot. Nothing is allocated per event; slots are
 * recycled through a free list. Order is (time, insertion sequence): ties are first-in-first-out.
 *
 * A handle packs the slot and that slot's generation, so cancelling an event that already fired
 * (and whose slot was reused) is detected instead of cancelling a stranger. Handles stay below
 * 2^30, V8's small-integer range, so returning one allocates nothing: hence at most 2^21 events
 * pending at once and a 9-bit generation (a stale handle is caught unless its slot was reused
 * a multiple of 512 times since).
 */
const SLOT_BITS = 2 ** 21;
const GEN_MASK = 2 ** 9 - 1;
const CANCELLED = -1;

export interface Scheduler {
  /** O(log n). Returns a handle for `remove`. */
  insert(time: number, handler: number, arg: number): number;
  /** O(1). True when no event (live or cancelled) is pending. */
  isEmpty(): boolean;
  /** O(1). Time of the earliest pending event (it may be a cancelled one). */
  peekTime(): number;
  /** O(log n). Pops the earliest event (its time is peekTime() before the pop) and returns its slot; read it with handlerOf/argOf, then `release` it. */
  removeNext(): number;
  /** O(1), lazy: the event stays queued and is skipped when it comes up. False if it already fired. */
  remove(handle: number): boolean;
}

export class EventQueue implements Scheduler {
  private time: Float64Array;
  private seq: Float64Array;
  private handler: Int32Array;
  private arg: Int32Array;
  private gen: Uint32Array;
  private free: Int32Array;
  private freeTop = 0;
  private capacity: number;
  private nextSeq = 0;
  private readonly heap: FastPriorityQueue<number>;
  /** Live (not cancelled) events pending. */
  live = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.handler = new Int32Array(initialCapacity);
    this.arg = new Int32Array(initialCapacity);
    this.gen = new Uint32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeTop = initialCapacity;
    // The comparator reads the side tables through `this` because grow() replaces them.
    this.heap = new FastPriorityQueue<number>((a, b) => {
      const ta = this.time[a];
      const tb = this.time[b];
      return ta < tb || (ta === tb && this.seq[a] < this.seq[b]);
    });
  }

  insert(time: number, handler: number, arg: number): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.handler[slot] = handler;
    this.arg[slot] = arg;
    this.heap.add(slot);
    this.live++;
    return (this.gen[slot] << 21) | slot;
  }

  isEmpty(): boolean {
    return this.heap.size === 0;
  }

  get size(): number {
    return this.heap.size;
  }

  peekTime(): number {
    return this.time[this.heap.peek() as number];
  }

  /** Insertion sequence number of the earliest pending event: ties in time go to the lower one. */
  peekSeq(): number {
    return this.seq[this.heap.peek() as number];
  }

  /** Takes the next insertion sequence number, for an event kept outside the queue. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  removeNext(): number {
    const slot = this.heap.poll() as number;
    if (this.handler[slot] !== CANCELLED) this.live--;
    return slot;
  }

  /** The handler id, or -1 for a cancelled event. */
  handlerOf(slot: number): number {
    return this.handler[slot];
  }

  argOf(slot: number): number {
    return this.arg[slot];
  }

  release(slot: number): void {
    this.gen[slot] = (this.gen[slot] + 1) & GEN_MASK;
    this.free[this.freeTop++] = slot;
  }

  remove(handle: number): boolean {
    const slot = handle & (SLOT_BITS - 1);
    const gen = handle >>> 21;
    if (slot >= this.capacity || this.gen[slot] !== gen || this.handler[slot] === CANCELLED) return false;
    this.handler[slot] = CANCELLED;
    this.live--;
    return true;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    if (cap > SLOT_BITS) throw new Error(`more than ${SLOT_BITS} events pending at once`);
    const t = new Float64Array(cap); t.set(this.time); this.time = t;
    const s = new Float64Array(cap); s.set(this.seq); this.seq = s;
    const h = new Int32Array(cap); h.set(this.handler); this.handler = h;
    const a = new Int32Array(cap); a.set(this.arg); this.arg = a;
    const g = new Uint32Array(cap); g.set(this.gen); this.gen = g;
    this.free = new Int32Array(cap);
    for (let i = 0; i < old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = old;
    this.capacity = cap;
  }
}
