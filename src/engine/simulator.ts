import { EventQueue, type Scheduler } from './event-queue.js';

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
  private readonly queue: Scheduler;
  private readonly handlers: Handler[] = [];
  private stopRequested = false;

  constructor(queue: Scheduler = new EventQueue()) {
    this.queue = queue;
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

  /** Live events pending (cancelled ones excluded). */
  get pending(): number {
    return this.queue.live;
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
    while (!q.isEmpty()) {
      if (processed >= maxEvents) { reason = 'maxEvents'; break; }
      const t = q.peekTime();
      if (t > until) { reason = 'until'; break; }
      const h = q.removeNext();
      if (h < 0) continue; // cancelled
      this.now = t;
      processed++;
      handlers[h](q.arg);
      if (this.stopRequested) { reason = 'stopped'; break; }
    }
    this.eventsProcessed += processed;
    if (reason === 'empty' && until !== Infinity) reason = 'until';
    if (reason === 'until' && until !== Infinity) this.now = until;
    return reason;
  }
}
