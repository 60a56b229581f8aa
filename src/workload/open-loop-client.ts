import type { RandomStreams, Uniform } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { LoadControl } from '../model/cluster-control.js';
import { flowHash } from '../model/flow-hash.js';
import { NO_ENDPOINT } from '../model/kube-proxy.js';
import type { PathClient, ServicePath } from '../model/service-path.js';
import type { CountSpec } from '../model/topology.js';
import { DROPPED, TIMED_OUT, type Outcome, type Trace } from '../model/trace.js';
import { ArrivalProcess } from './arrival-process.js';
import { ClientRequests } from './client-requests.js';
import { buildCount, ClientPopulation, type CountSampler } from './clients.js';

const PROGRESS_EVERY = 1 << 16;

/** How the clients send: plain data. */
export interface OpenLoopSpec {
  arrival: 'poisson' | 'deterministic';
  /** Requests per second. */
  rate: number;
  /** Stop sending after this many requests (if set). */
  requests?: number;
  /** Stop sending at this simulated time, seconds (if set). */
  duration?: number;
  /** Distinct clients (addresses). */
  population: number;
  requestsPerConnection: CountSpec;
  /** Seconds a client waits for an attempt; Infinity: for ever. */
  timeout: number;
  retries: { count: number; backoff: number; jitter: number };
  /** A salt for the flow hashes of this Service's connections. */
  flowSalt: number;
}

/**
 * The open-loop clients: requests arrive at the given rate whatever the answers (Poisson or
 * evenly spaced), each from a client drawn at random. A client keeps a connection open for
 * several requests; its entry node and pod are chosen when it opens, as conntrack keeps them.
 * A request may take several attempts: a refused or failed attempt, or one the client stopped
 * waiting for (its timeout), is retried on a new connection after a backoff, if retries are set.
 * When sending is over and no request is left in flight, the run stops.
 */
export class OpenLoopClient implements PathClient, LoadControl {
  private readonly arrivals: ArrivalProcess;
  private readonly population: ClientPopulation;
  private readonly perConnection: CountSampler;
  private readonly backoffDraw: Uniform;
  private readonly requests = new ClientRequests();
  // Each client's open connection: requests left on it, its entry node and pod, its number.
  private readonly connLeft: Int32Array;
  private readonly connNode: Int32Array;
  private readonly connPod: Int32Array;
  private readonly connSeq: Int32Array;
  /** Requests per connection is not the constant 1, so connections outlive their first request. */
  private readonly keepsAlive: boolean;
  private readonly arriveHandler: number;
  private readonly timeoutHandler: number;
  private readonly retryHandler: number;
  private nextArrival = -1;
  private sent = 0;
  private sending = false;
  onProgress?: (sent: number) => void;

  constructor(private readonly sim: Simulator, streams: RandomStreams, private readonly path: ServicePath,
    private readonly trace: Trace, private readonly spec: OpenLoopSpec) {
    this.arrivals = new ArrivalProcess(spec.arrival === 'poisson', spec.rate, streams.stream('arrivals'), streams.stream('arrivals/thinning'));
    this.population = new ClientPopulation(spec.population, streams.stream('clients'));
    this.perConnection = buildCount(spec.requestsPerConnection, streams.stream('connections'));
    this.backoffDraw = streams.stream('retries');
    this.connLeft = new Int32Array(spec.population);
    this.connNode = new Int32Array(spec.population);
    this.connPod = new Int32Array(spec.population);
    this.connSeq = new Int32Array(spec.population);
    this.keepsAlive = spec.requestsPerConnection !== 1;
    this.arriveHandler = sim.register(() => this.arrive());
    this.timeoutHandler = sim.register((request) => this.timedOut(request));
    this.retryHandler = sim.register((request) => this.attempt(request, true));
    path.attach(this);
  }

  /** Schedules the first arrival. */
  start(): void {
    this.scheduleNextArrival(this.sim.now);
  }

  setRate(rate: number): void { this.arrivals.setRate(rate, this.sim.now); this.loadChanged(); }
  ramp(to: number, over: number): void { this.arrivals.ramp(to, over, this.sim.now); this.loadChanged(); }
  diurnal(min: number, max: number, period: number): void { this.arrivals.diurnal(min, max, period, this.sim.now); this.loadChanged(); }

  opened(request: number, attempt: number): void {
    this.requests.attempt[request] = attempt;
  }

  answered(request: number, arrivesAt: number): boolean {
    const cr = this.requests;
    if (cr.timer[request] >= 0) {
      // The answer would reach the client after its timeout fires: the timeout decides.
      if (arrivesAt > cr.attemptAt[request] + this.spec.timeout) {
        cr.attempt[request] = -1;
        return false;
      }
      this.sim.cancel(cr.timer[request]);
    }
    this.finish(request);
    return true;
  }

  /** Lost in the network: without a timeout the client waits for ever, so that is the end of it. */
  lost(request: number): void {
    const cr = this.requests;
    cr.attempt[request] = -1;
    cr.lost[request] = 1;
    if (this.spec.timeout === Infinity) this.ended(request, DROPPED);
  }

  /** An attempt ended without an answer the client can use: retry it, or give the request up. */
  ended(request: number, outcome: Outcome): void {
    const cr = this.requests;
    if (cr.timer[request] >= 0) {
      this.sim.cancel(cr.timer[request]);
      cr.timer[request] = -1;
    }
    cr.attempt[request] = -1;
    const retries = this.spec.retries;
    if (cr.retries[request] < retries.count) {
      const k = cr.retries[request]++;
      this.trace.requestRetried(cr.sentAt[request]);
      const wait = retries.backoff * 2 ** k * (1 - retries.jitter * this.backoffDraw());
      this.sim.schedule(wait, this.retryHandler, request);
      return;
    }
    this.trace.requestEnded(outcome, cr.sentAt[request]);
    this.finish(request);
  }

  /** The timeline changed the load: the pending arrival is drawn again from now. */
  private loadChanged(): void {
    if (!this.sending) return;
    this.sim.cancel(this.nextArrival);
    this.scheduleNextArrival(this.sim.now);
  }

  private scheduleNextArrival(now: number): void {
    const { requests, duration } = this.spec;
    this.sending = false;
    if (requests !== undefined && this.sent >= requests) return;
    const next = this.arrivals.next(now);
    if (duration !== undefined && next > duration) return;
    this.nextArrival = this.sim.scheduleAt(next, this.arriveHandler);
    this.sending = true;
  }

  private arrive(): void {
    const now = this.sim.now;
    this.sent++;
    // Arrivals are generated one at a time: the next is scheduled when this one fires.
    this.scheduleNextArrival(now);
    if ((this.sent & (PROGRESS_EVERY - 1)) === 0 && this.onProgress) this.onProgress(this.sent);
    this.trace.requestSent(now);
    this.attempt(this.requests.open(now, this.population.pick()), false);
  }

  /** Sends an attempt of `request`: on its client's kept connection, or a new one (a retry always opens one). */
  private attempt(request: number, retry: boolean): void {
    const now = this.sim.now;
    const cr = this.requests;
    const client = cr.client[request];
    if (this.spec.timeout !== Infinity) cr.timer[request] = this.sim.schedule(this.spec.timeout, this.timeoutHandler, request);
    cr.attemptAt[request] = now;
    cr.attempt[request] = -1;
    cr.lost[request] = 0;
    const path = this.path;
    let node: number;
    let pod: number;
    const kept = !retry && this.connLeft[client] > 0 && path.usable(this.connNode[client], this.connPod[client]);
    if (kept) {
      this.connLeft[client]--;
      node = this.connNode[client];
      pod = this.connPod[client];
    } else {
      const flow = path.hashesFlows ? flowHash(client, ++this.connSeq[client], this.spec.flowSalt, 0) : 0;
      path.connect(client, flow, now);
      node = path.chosenNode;
      pod = path.chosenPod;
      this.connLeft[client] = 0;
      if (pod !== NO_ENDPOINT && this.keepsAlive) {
        this.connLeft[client] = this.perConnection.sample() - 1;
        this.connNode[client] = node;
        this.connPod[client] = pod;
      }
    }
    path.send(request, client, node, pod, !kept, cr.sentAt[request]);
  }

  private timedOut(request: number): void {
    const cr = this.requests;
    cr.timer[request] = -1;
    const attempt = cr.attempt[request];
    if (attempt >= 0) this.path.abandon(attempt);
    this.ended(request, cr.lost[request] === 1 ? DROPPED : TIMED_OUT);
  }

  private finish(request: number): void {
    this.requests.close(request);
    // The run ends with the last request: probes still pending must not stretch simulated time.
    if (!this.sending && this.requests.inFlight === 0) this.sim.stop();
  }
}
