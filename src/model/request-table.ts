/**
 * Requests in flight, as columns of typed arrays indexed by a recycled id: memory follows the
 * number in flight, not the number sent, and no object is allocated per request.
 */
export class RequestTable {
  sentAt = new Float64Array(1024);
  returnDelay = new Float64Array(1024);
  pod = new Int32Array(1024);
  hops = new Uint8Array(1024);
  forwarded = new Uint8Array(1024);
  snat = new Uint8Array(1024);
  /** The node the request entered the cluster through. */
  node = new Int32Array(1024);
  /** Zone crossings: the way there in the low 4 bits, the way back in the next 4. */
  crossings = new Uint8Array(1024);
  /** The pod kube-proxy chose (with an Ingress: the controller pod; `pod` then moves on to the backend). */
  entryPod = new Int32Array(1024);
  /** Ingress only: the request's backend route; -1 once it has left the controller. */
  route = new Int32Array(1024);
  /** The client request this attempt serves; -1 once the client stopped waiting for it. */
  logical = new Int32Array(1024);
  /** Sent after the warm-up. */
  measured = new Uint8Array(1024);
  private free = new Int32Array(1024);
  private freeTop = 0;
  private used = 0;

  get inFlight(): number {
    return this.used - this.freeTop;
  }

  open(sentAt: number, returnDelay: number, pod: number, hops: number, forwarded: boolean, snat: boolean, measured: boolean): number {
    let id: number;
    if (this.freeTop > 0) id = this.free[--this.freeTop];
    else {
      if (this.used === this.sentAt.length) this.grow();
      id = this.used++;
    }
    this.sentAt[id] = sentAt;
    this.returnDelay[id] = returnDelay;
    this.pod[id] = pod;
    this.hops[id] = hops;
    this.forwarded[id] = forwarded ? 1 : 0;
    this.snat[id] = snat ? 1 : 0;
    this.measured[id] = measured ? 1 : 0;
    this.entryPod[id] = pod;
    this.route[id] = -1;
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
    this.returnDelay = f64(this.returnDelay);
    this.pod = i32(this.pod);
    this.hops = u8(this.hops);
    this.forwarded = u8(this.forwarded);
    this.snat = u8(this.snat);
    this.measured = u8(this.measured);
    this.node = i32(this.node);
    this.entryPod = i32(this.entryPod);
    this.route = i32(this.route);
    this.logical = i32(this.logical);
    this.crossings = u8(this.crossings);
    this.free = i32(this.free);
  }
}
