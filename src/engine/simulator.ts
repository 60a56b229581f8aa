import { EventQueue } from './event-queue.js';

/**
 * Time passes by stepping from event to event. Time is a float64 count of seconds: at 10^5 s
 * (28 hours) its resolution is still 1.5e-11 s, so sub-microsecond latencies survive long runs.
 *
 * An event is a (handler id, integer argument) pair: handlers are registered once when a model
 * is built, so firing an event allocates nothing.
 */
export type Handler = (arg: number) => void;

export interface RunOptions {
  /** Process events with time <= until, then set `now` to until. */
  until?: number;
  /** Stop after this many events have been processed in this call. */
  maxEvents?: number;
}

export type StopReason = 'empty' | 'until' | 'maxEvents' | 'stopped';

export class Simulator {
  now = 0;
  /** Events processed since the simulator was created. */
  eventsProcessed = 0;
  private readonly queue: EventQueue;
  private readonly handlers: Handler[] = [];
  private stopRequested = false;
  // The source's one pending event (time Infinity: none). It waits beside the heap, not in it: a
  // heap insert and removal saved per request is about a tenth of a run. Its sequence number comes
  // from the queue's counter, so ties with queued events fire in scheduling order, as if queued.
  private sourceTime = Infinity;
  private sourceSeq = 0;
  private sourceHandler = -1;

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** Registers a handler once; events name it by the returned id. */
  register(handler: Handler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Schedules `handler(arg)` after `delay` seconds (>= 0). Returns a handle for `cancel`. */
  schedule(delay: number, handler: number, arg = 0): number {
    if (!(delay >= 0)) throw new RangeError(`delay must be a non-negative number, got ${delay}`);
    return this.queue.insert(this.now + delay, handler, arg);
  }

  /** Schedules `handler(arg)` at absolute time `time` (>= now). */
  scheduleAt(time: number, handler: number, arg = 0): number {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, before now (${this.now})`);
    return this.queue.insert(time, handler, arg);
  }

  /** Lazy cancel: the event is skipped when it comes up. False if it already fired or was cancelled. */
  cancel(handle: number): boolean {
    return this.queue.remove(handle);
  }

  /**
   * Schedules the next event of the run's source: a stream that always has exactly one event
   * pending, each scheduling the next (the arrival process). Replaces the pending one, if any.
   */
  scheduleSourceAt(time: number, handler: number): void {
    if (!(time >= this.now)) throw new RangeError(`cannot schedule at ${time}, before now (${this.now})`);
    this.sourceTime = time;
    this.sourceSeq = this.queue.takeSeq();
    this.sourceHandler = handler;
  }

  /** Drops the source's pending event, if any. */
  cancelSource(): void {
    this.sourceTime = Infinity;
    this.sourceHandler = -1;
  }

  /** Live events pending (cancelled ones excluded), the source's included. */
  get pending(): number {
    return this.queue.live + (this.sourceHandler >= 0 ? 1 : 0);
  }

  /** Asks the running loop to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  run(options: RunOptions = {}): StopReason {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (!(until >= this.now)) throw new RangeError(`until must be a time >= now (${this.now}), got ${until}`);
    if (!(maxEvents >= 0)) throw new RangeError(`maxEvents must be >= 0, got ${maxEvents}`);
    const q = this.queue;
    const handlers = this.handlers;
    let processed = 0;
    this.stopRequested = false;
    let reason: StopReason = 'empty';
    for (;;) {
      const queued = !q.isEmpty();
      const sourced = this.sourceHandler >= 0;
      if (!queued && !sourced) break;
      const qt = queued ? q.peekTime() : Infinity;
      const st = this.sourceTime;
      const fromSource = sourced && (!queued || st < qt || (st === qt && this.sourceSeq < q.peekSeq()));
      const t = fromSource ? st : qt;
      if (processed >= maxEvents) { reason = 'maxEvents'; break; }
      if (t > until) { reason = 'until'; break; }
      let h: number;
      let arg = 0;
      if (fromSource) {
        h = this.sourceHandler;
        this.cancelSource();
      } else {
        const slot = q.removeNext();
        h = q.handlerOf(slot);
        arg = q.argOf(slot);
        q.release(slot);
        if (h < 0) continue; // cancelled
      }
      this.now = t;
      processed++;
      handlers[h](arg);
      if (this.stopRequested) { reason = 'stopped'; break; }
    }
    this.eventsProcessed += processed;
    if (reason === 'empty' && until !== Infinity) reason = 'until';
    if (reason === 'until' && until !== Infinity) this.now = until;
    return reason;
  }
}
