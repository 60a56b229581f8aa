import { grown, IdPool } from '../model/id-pool.js';

/**
 * Requests as their clients see them: one per request sent, across its attempts (retries are
 * new connections, maybe elsewhere, but the same request). Typed-array columns indexed by a
 * recycled id: memory follows what is in flight.
 */
export class ClientRequests {
  sentAt = new Float64Array(1024);
  /** When the current attempt started (its timeout fires a client timeout later). */
  attemptAt = new Float64Array(1024);
  client = new Int32Array(1024);
  /** Retries made so far. */
  retries = new Uint8Array(1024);
  /** The timeout event of the current attempt, or -1. */
  timer = new Int32Array(1024);
  /** The current attempt's id in the RequestTable, or -1 (lost, or abandoned after a timeout). */
  attempt = new Int32Array(1024);
  /** The current attempt was lost in the network (its timeout counts as a drop). */
  lost = new Uint8Array(1024);
  private readonly ids = new IdPool(1024);

  get inFlight(): number {
    return this.ids.inUse;
  }

  open(sentAt: number, client: number): number {
    const id = this.ids.take(this);
    this.sentAt[id] = sentAt;
    this.client[id] = client;
    this.retries[id] = 0;
    this.timer[id] = -1;
    this.attempt[id] = -1;
    this.lost[id] = 0;
    return id;
  }

  close(id: number): void {
    this.ids.release(id);
  }

  /** Called by the id pool when every row is taken. */
  grow(n: number): void {
    this.sentAt = grown(this.sentAt, n);
    this.attemptAt = grown(this.attemptAt, n);
    this.client = grown(this.client, n);
    this.retries = grown(this.retries, n);
    this.timer = grown(this.timer, n);
    this.attempt = grown(this.attempt, n);
    this.lost = grown(this.lost, n);
  }
}
