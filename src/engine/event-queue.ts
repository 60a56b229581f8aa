import FastPriorityQueue from 'fastpriorityqueue';

/**
 * The pending-event set, as the Simulator uses it (ns-3's five-method scheduler, with the popped
 * event's fields read from the scheduler instead of an event object, so nothing is allocated).
 */
export interface Scheduler {
  /** O(log n). Returns a handle for `remove`. */
  insert(time: number, handler: number, arg: number): number;
  /** O(1), lazy: the event stays queued and is skipped when it comes up. False if it already fired. */
  remove(handle: number): boolean;
  /** O(1). True when no event (live or cancelled) is pending. */
  isEmpty(): boolean;
  /** O(1). Time of the earliest pending event (it may be a cancelled one). */
  peekTime(): number;
  /** O(log n). Takes the earliest event and returns its handler id, or -1 if it was cancelled; its argument is then in `arg`. */
  removeNext(): number;
  /** The argument of the event removeNext() last returned. */
  readonly arg: number;
  /** Live (not cancelled) events pending. */
  readonly live: number;
}

/**
 * A binary heap (fastpriorityqueue) of slot numbers, with each event's fields in typed-array side
 * tables indexed by slot. Nothing is allocated per event; slots are recycled through a free list.
 * Order is (time, insertion sequence): ties are first-in-first-out.
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
const NONE = -1;

export class EventQueue implements Scheduler {
  private time: Float64Array;
  private seq: Float64Array;
  private handler: Int32Array;
  private args: Int32Array;
  private gen: Uint32Array;
  private free: Int32Array;
  private freeTop = 0;
  private capacity: number;
  private nextSeq = 0;
  private readonly heap: FastPriorityQueue<number>;
  // One event waits beside the heap: the first inserted while the place is empty. A process that
  // schedules its next event as its first act (an arrival process) then never enters the heap:
  // an insert and a removal saved per request, about a tenth of the 10M-request run (bench/RESULTS.md).
  private aside = NONE;
  live = 0;
  arg = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.handler = new Int32Array(initialCapacity);
    this.args = new Int32Array(initialCapacity);
    this.gen = new Uint32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeTop = initialCapacity;
    // The comparator reads the side tables through `this` because grow() replaces them.
    this.heap = new FastPriorityQueue<number>((a, b) => this.before(a, b));
  }

  insert(time: number, handler: number, arg: number): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.handler[slot] = handler;
    this.args[slot] = arg;
    if (this.aside === NONE) this.aside = slot;
    else this.heap.add(slot);
    this.live++;
    return (this.gen[slot] << 21) | slot;
  }

  remove(handle: number): boolean {
    const slot = handle & (SLOT_BITS - 1);
    const gen = handle >>> 21;
    if (slot >= this.capacity || this.gen[slot] !== gen || this.handler[slot] === CANCELLED) return false;
    this.handler[slot] = CANCELLED;
    this.live--;
    return true;
  }

  isEmpty(): boolean {
    return this.aside === NONE && this.heap.size === 0;
  }

  /** Events pending, cancelled ones included. */
  get size(): number {
    return this.heap.size + (this.aside === NONE ? 0 : 1);
  }

  peekTime(): number {
    return this.time[this.peekSlot()];
  }

  removeNext(): number {
    const slot = this.peekSlot();
    if (slot === this.aside) this.aside = NONE;
    else this.heap.poll();
    const h = this.handler[slot];
    if (h !== CANCELLED) this.live--;
    this.arg = this.args[slot];
    this.gen[slot] = (this.gen[slot] + 1) & GEN_MASK;
    this.free[this.freeTop++] = slot;
    return h;
  }

  private peekSlot(): number {
    const top = this.heap.size === 0 ? NONE : this.heap.peek() as number;
    if (this.aside === NONE) return top;
    return top === NONE || this.before(this.aside, top) ? this.aside : top;
  }

  private before(a: number, b: number): boolean {
    const ta = this.time[a];
    const tb = this.time[b];
    return ta < tb || (ta === tb && this.seq[a] < this.seq[b]);
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    if (cap > SLOT_BITS) throw new Error(`more than ${SLOT_BITS} events pending at once`);
    const t = new Float64Array(cap); t.set(this.time); this.time = t;
    const s = new Float64Array(cap); s.set(this.seq); this.seq = s;
    const h = new Int32Array(cap); h.set(this.handler); this.handler = h;
    const a = new Int32Array(cap); a.set(this.args); this.args = a;
    const g = new Uint32Array(cap); g.set(this.gen); this.gen = g;
    this.free = new Int32Array(cap);
    for (let i = 0; i < old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = old;
    this.capacity = cap;
  }
}
