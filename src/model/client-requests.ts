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
  measured = new Uint8Array(1024);
  /** The timeout event of the current attempt, or -1. */
  timer = new Int32Array(1024);
  /** The current attempt's id in the RequestTable, or -1 (lost, or abandoned after a timeout). */
  attempt = new Int32Array(1024);
  /** The current attempt was lost in the network (its timeout counts as a drop). */
  lost = new Uint8Array(1024);
  private free = new Int32Array(1024);
  private freeTop = 0;
  private used = 0;

  get inFlight(): number {
    return this.used - this.freeTop;
  }

  open(sentAt: number, client: number, measured: boolean): number {
    let id: number;
    if (this.freeTop > 0) id = this.free[--this.freeTop];
    else {
      if (this.used === this.sentAt.length) this.grow();
      id = this.used++;
    }
    this.sentAt[id] = sentAt;
    this.client[id] = client;
    this.retries[id] = 0;
    this.measured[id] = measured ? 1 : 0;
    this.timer[id] = -1;
    this.attempt[id] = -1;
    this.lost[id] = 0;
    return id;
  }

  close(id: number): void {
    this.free[this.freeTop++] = id;
  }

  private grow(): void {
    const n = this.sentAt.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    const u8 = (a: Uint8Array) => { const b = new Uint8Array(n); b.set(a); return b; };
    this.sentAt = f64(this.sentAt);
    this.attemptAt = f64(this.attemptAt);
    this.client = i32(this.client);
    this.retries = u8(this.retries);
    this.measured = u8(this.measured);
    this.timer = i32(this.timer);
    this.attempt = i32(this.attempt);
    this.lost = u8(this.lost);
    this.free = i32(this.free);
  }
}
