import type { Distribution } from './distributions.js';
import type { Simulator } from './simulator.js';

/**
 * A queueing station: `servers` parallel servers in front of one FIFO queue that holds at most
 * `queueLimit` waiting jobs (Infinity: unbounded). In Kendall notation an M/M/c/K system is
 * servers = c, queueLimit = K - c. Jobs are integer ids owned by the caller; the station tells
 * `onDepart(job)` when one finishes service. A full queue rejects: `arrive` returns false.
 */
export class Station {
  readonly servers: number;
  readonly queueLimit: number;
  private readonly sim: Simulator;
  private readonly service: Distribution;
  private readonly onDepart: (job: number) => void;
  private readonly departHandler: number;

  private readonly serverJob: Int32Array;
  private readonly serverEvent: Int32Array;
  private readonly serverStart: Float64Array;
  private readonly idle: Int32Array; // stack of idle server indices
  private idleTop: number;

  private ringJob: Int32Array;
  private ringTime: Float64Array;
  private head = 0;
  private length = 0;

  // Statistics since `statsSince`.
  statsSince = 0;
  arrivals = 0;
  rejected = 0;
  completed = 0;
  /** Arrivals that found every server busy and had to queue. */
  waited = 0;
  waitSum = 0;
  private busyClosed = 0;

  constructor(sim: Simulator, servers: number, queueLimit: number, service: Distribution, onDepart: (job: number) => void) {
    if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be an integer >= 1, got ${servers}`);
    if (!(queueLimit >= 0)) throw new RangeError(`queueLimit must be >= 0, got ${queueLimit}`);
    this.sim = sim;
    this.servers = servers;
    this.queueLimit = queueLimit;
    this.service = service;
    this.onDepart = onDepart;
    this.serverJob = new Int32Array(servers).fill(-1);
    this.serverEvent = new Int32Array(servers);
    this.serverStart = new Float64Array(servers);
    this.idle = new Int32Array(servers);
    for (let i = 0; i < servers; i++) this.idle[i] = servers - 1 - i;
    this.idleTop = servers;
    const cap = Math.min(64, Number.isFinite(queueLimit) ? Math.max(1, queueLimit) : 64);
    this.ringJob = new Int32Array(cap);
    this.ringTime = new Float64Array(cap);
    this.departHandler = sim.register((server) => this.depart(server));
  }

  /** Jobs waiting in the queue. */
  get queued(): number { return this.length; }
  /** Servers busy now. */
  get busy(): number { return this.servers - this.idleTop; }
  /** Jobs in the station (waiting or in service). */
  get inSystem(): number { return this.length + this.servers - this.idleTop; }

  /** A job arrives now. Returns false if the queue is full and the job is rejected. */
  arrive(job: number): boolean {
    this.arrivals++;
    if (this.idleTop > 0) {
      this.start(this.idle[--this.idleTop], job);
      return true;
    }
    if (this.length >= this.queueLimit) {
      this.rejected++;
      return false;
    }
    this.waited++;
    if (this.length === this.ringJob.length) this.growRing();
    const tail = (this.head + this.length) % this.ringJob.length;
    this.ringJob[tail] = job;
    this.ringTime[tail] = this.sim.now;
    this.length++;
    return true;
  }

  /** Busy server-seconds since `statsSince`, counting services still under way up to now. */
  busyTime(now = this.sim.now): number {
    let open = 0;
    for (let s = 0; s < this.servers; s++) {
      if (this.serverJob[s] >= 0) open += now - Math.max(this.serverStart[s], this.statsSince);
    }
    return this.busyClosed + open;
  }

  /** Busy server-time / (servers x elapsed time since statsSince). */
  utilization(now = this.sim.now): number {
    const elapsed = now - this.statsSince;
    return elapsed > 0 ? this.busyTime(now) / (this.servers * elapsed) : 0;
  }

  /** Starts the statistics afresh (end of a warm-up period); jobs in progress stay. */
  resetStats(): void {
    this.statsSince = this.sim.now;
    this.arrivals = this.rejected = this.completed = this.waited = 0;
    this.waitSum = this.busyClosed = 0;
  }

  /**
   * The station stops at once (its pod died): every job in service or waiting is handed to
   * `lost`, in service first, then in queue order; busy time counts up to now.
   */
  abort(lost: (job: number) => void): void {
    const now = this.sim.now;
    for (let s = 0; s < this.servers; s++) {
      const job = this.serverJob[s];
      if (job < 0) continue;
      this.sim.cancel(this.serverEvent[s]);
      this.busyClosed += now - Math.max(this.serverStart[s], this.statsSince);
      this.serverJob[s] = -1;
      this.idle[this.idleTop++] = s;
      lost(job);
    }
    while (this.length > 0) {
      const job = this.ringJob[this.head];
      this.head = (this.head + 1) % this.ringJob.length;
      this.length--;
      lost(job);
    }
  }

  private start(server: number, job: number): void {
    this.serverJob[server] = job;
    this.serverStart[server] = this.sim.now;
    this.serverEvent[server] = this.sim.schedule(this.service.sample(), this.departHandler, server);
  }

  private depart(server: number): void {
    const now = this.sim.now;
    const job = this.serverJob[server];
    this.busyClosed += now - Math.max(this.serverStart[server], this.statsSince);
    this.completed++;
    if (this.length > 0) {
      const h = this.head;
      const next = this.ringJob[h];
      this.waitSum += now - Math.max(this.ringTime[h], this.statsSince);
      this.head = (h + 1) % this.ringJob.length;
      this.length--;
      this.start(server, next);
    } else {
      this.serverJob[server] = -1;
      this.idle[this.idleTop++] = server;
    }
    this.onDepart(job);
  }

  private growRing(): void {
    const n = this.ringJob.length;
    const jobs = new Int32Array(n * 2);
    const times = new Float64Array(n * 2);
    for (let i = 0; i < this.length; i++) {
      jobs[i] = this.ringJob[(this.head + i) % n];
      times[i] = this.ringTime[(this.head + i) % n];
    }
    this.ringJob = jobs;
    this.ringTime = times;
    this.head = 0;
  }
}
