import { grown, IdPool } from './id-pool.js';

/**
 * Attempts in flight in the cluster, as columns of typed arrays indexed by a recycled id: memory
 * follows the number in flight, not the number sent, and no object is allocated per request.
 */
export class RequestTable {
  /** When the client sent the request (its first attempt): latency is measured from here. */
  sentAt = new Float64Array(1024);
  returnDelay = new Float64Array(1024);
  pod = new Int32Array(1024);
  hops = new Uint8Array(1024);
  forwarded = new Uint8Array(1024);
  snat = new Uint8Array(1024);
  /** The node the request entered the cluster through. */
  node = new Int32Array(1024);
  /** Zone crossings on the way there and on the way back. */
  crossingsThere = new Uint8Array(1024);
  crossingsBack = new Uint8Array(1024);
  /** The pod kube-proxy chose (with an Ingress: the controller pod; `pod` then moves on to the backend). */
  entryPod = new Int32Array(1024);
  /** Ingress only: the request's backend route; -1 once it has left the controller. */
  route = new Int32Array(1024);
  /** The client request this attempt serves; -1 once the client stopped waiting for it. */
  logical = new Int32Array(1024);
  private readonly ids = new IdPool(1024);

  get inFlight(): number {
    return this.ids.inUse;
  }

  open(sentAt: number, logical: number, node: number, pod: number): number {
    const id = this.ids.take(this);
    this.sentAt[id] = sentAt;
    this.logical[id] = logical;
    this.node[id] = node;
    this.pod[id] = pod;
    this.entryPod[id] = pod;
    this.route[id] = -1;
    return id;
  }

  close(id: number): void {
    this.ids.release(id);
  }

  /** Called by the id pool when every row is taken. */
  grow(n: number): void {
    this.sentAt = grown(this.sentAt, n);
    this.returnDelay = grown(this.returnDelay, n);
    this.pod = grown(this.pod, n);
    this.hops = grown(this.hops, n);
    this.forwarded = grown(this.forwarded, n);
    this.snat = grown(this.snat, n);
    this.node = grown(this.node, n);
    this.crossingsThere = grown(this.crossingsThere, n);
    this.crossingsBack = grown(this.crossingsBack, n);
    this.entryPod = grown(this.entryPod, n);
    this.route = grown(this.route, n);
    this.logical = grown(this.logical, n);
  }
}
