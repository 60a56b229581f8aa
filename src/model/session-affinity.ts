/**
 * sessionAffinity: ClientIP, as kube-proxy builds it in iptables mode. Each endpoint chain
 * KUBE-SEP-x records the client's source address in an xt_recent list named after it
 * (`-m recent --name KUBE-SEP-x --set`), and the service chain first checks every endpoint's
 * list (`-m recent --name KUBE-SEP-x --rcheck --seconds T --reap -j KUBE-SEP-x`) before the
 * random choice. These rules are in the nat table, so they run for the first packet of a
 * connection only. Hence:
 * - the table lives on each node (every node's kube-proxy writes its own rules): a client sent
 *   to another node by a load balancer starts afresh there;
 * - an entry is refreshed by each new connection that goes through it (the --set in the
 *   endpoint chain), not by the packets or requests of a connection already open;
 * - it still matches while now - last <= timeoutSeconds (xt_recent skips a stamp only when it
 *   is strictly older than now - seconds), and is gone after timeoutSeconds with no new connection;
 * - when an endpoint leaves the service's chain its KUBE-SEP chain and list are deleted, so
 *   every client remembered there starts afresh (`forgetEndpoint`). Endpoints that are only
 *   left out of the chain a connection uses (Local policy, not ready) are the caller's check:
 *   `lookup` returns what was remembered, the caller ignores it when it may not be used.
 * nftables mode keeps one timeout set per endpoint with the same refresh rule; IPVS keeps a
 * persistence template per client: the same semantics, without the list capacity below.
 *
 * Use per new connection: `ep = lookup(node, client, now)`; if -1 (or not usable) choose an
 * endpoint as usual; then `remember(node, client, ep, now)` in both cases.
 *
 * Memory: dense typed arrays over nodes x clients, 12 bytes a cell (Int32 endpoint, Float64
 * last new connection), 20 with a list capacity. Sizes above MAX_AFFINITY_CELLS (2^24 cells,
 * 192 MiB) are refused with a RangeError naming the product to lower, rather than switching to
 * a hash map: every client usually reaches every node, so a sparse table would not be smaller.
 *
 * List capacity (optional): xt_recent keeps at most ip_list_tot addresses per list (a kernel
 * module parameter, 100 by default) and evicts the least recently set one to make room. With
 * `listCapacity` set, each (node, endpoint) list holds at most that many clients in LRU order;
 * unset, lists are unbounded (nftables, IPVS, or a node with ip_list_tot raised).
 */

export const NO_AFFINITY = -1;
export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;
export const MAX_AFFINITY_CELLS = 1 << 24;

export interface ClientIpAffinityOptions {
  /** Clients per (node, endpoint) list before the least recent is evicted; default unbounded. */
  listCapacity?: number;
  /** Endpoint indices are below this; required with listCapacity. */
  endpoints?: number;
}

export class ClientIpAffinity {
  readonly timeoutSeconds: number;
  /** node * clients + client -> endpoint, or NO_AFFINITY. */
  private readonly endpointOf: Int32Array;
  /** node * clients + client -> time of the last new connection through the entry. */
  private readonly lastSeen: Float64Array;
  private readonly capacity: number;
  private readonly endpoints: number;
  // LRU lists per (node, endpoint), only with a capacity: cells linked oldest (head) to newest (tail).
  private readonly prev: Int32Array | null = null;
  private readonly next: Int32Array | null = null;
  private readonly head: Int32Array | null = null;
  private readonly tail: Int32Array | null = null;
  private readonly count: Int32Array | null = null;

  constructor(readonly nodes: number, readonly clients: number, timeoutSeconds = DEFAULT_AFFINITY_TIMEOUT_SECONDS, options: ClientIpAffinityOptions = {}) {
    if (!Number.isSafeInteger(nodes) || nodes < 1) throw new RangeError(`session affinity: nodes must be a whole number >= 1, got ${nodes}`);
    if (!Number.isSafeInteger(clients) || clients < 1) throw new RangeError(`session affinity: clients must be a whole number >= 1, got ${clients}`);
    if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
      throw new RangeError(`session affinity: timeoutSeconds must be a finite number > 0, got ${timeoutSeconds}`);
    }
    const cells = nodes * clients;
    if (cells > MAX_AFFINITY_CELLS) {
      throw new RangeError(
        `session affinity: ${nodes} nodes x ${clients} clients is ${cells} table entries, more than ${MAX_AFFINITY_CELLS}: lower the client population or the number of nodes`,
      );
    }
    this.timeoutSeconds = timeoutSeconds;
    this.endpointOf = new Int32Array(cells).fill(NO_AFFINITY);
    this.lastSeen = new Float64Array(cells);
    this.capacity = options.listCapacity ?? Infinity;
    this.endpoints = options.endpoints ?? 0;
    if (this.capacity !== Infinity) {
      if (!Number.isSafeInteger(this.capacity) || this.capacity < 1) {
        throw new RangeError(`session affinity: listCapacity must be a whole number >= 1, got ${this.capacity}`);
      }
      if (!Number.isSafeInteger(this.endpoints) || this.endpoints < 1) {
        throw new RangeError(`session affinity: listCapacity needs the number of endpoints, got ${options.endpoints}`);
      }
      this.prev = new Int32Array(cells).fill(-1);
      this.next = new Int32Array(cells).fill(-1);
      this.head = new Int32Array(nodes * this.endpoints).fill(-1);
      this.tail = new Int32Array(nodes * this.endpoints).fill(-1);
      this.count = new Int32Array(nodes * this.endpoints);
    }
  }

  /** The endpoint `client` is held to on `node` at time `now`, or NO_AFFINITY. O(1). */
  lookup(node: number, client: number, now: number): number {
    const cell = node * this.clients + client;
    const ep = this.endpointOf[cell];
    return ep !== NO_AFFINITY && now - this.lastSeen[cell] <= this.timeoutSeconds ? ep : NO_AFFINITY;
  }

  /** A new connection from `client` through `node` went to `endpoint` at `now`. O(1). */
  remember(node: number, client: number, endpoint: number, now: number): void {
    const cell = node * this.clients + client;
    if (this.count !== null) {
      if (!(endpoint >= 0 && endpoint < this.endpoints)) {
        throw new RangeError(`session affinity: endpoint ${endpoint} is outside the ${this.endpoints} endpoints the lists were sized for`);
      }
      const old = this.endpointOf[cell];
      if (old !== NO_AFFINITY) this.unlink(cell, node * this.endpoints + old);
      const list = node * this.endpoints + endpoint;
      this.append(cell, list);
      if (this.count[list] > this.capacity) {
        const oldest = this.head![list];
        this.unlink(oldest, list);
        this.endpointOf[oldest] = NO_AFFINITY;
      }
    }
    this.endpointOf[cell] = endpoint;
    this.lastSeen[cell] = now;
  }

  /**
   * The endpoint left the Service (deleted, or no longer in kube-proxy's chain): every client
   * held to it, on every node, starts afresh. O(nodes x clients) without a list capacity,
   * O(nodes + entries) with one: for endpoint churn, not per request.
   */
  forgetEndpoint(endpoint: number): void {
    if (this.count !== null) {
      if (!(endpoint >= 0 && endpoint < this.endpoints)) return;
      for (let node = 0; node < this.nodes; node++) {
        const list = node * this.endpoints + endpoint;
        for (let cell = this.head![list]; cell !== -1; ) {
          const after = this.next![cell];
          this.prev![cell] = -1;
          this.next![cell] = -1;
          this.endpointOf[cell] = NO_AFFINITY;
          cell = after;
        }
        this.head![list] = -1;
        this.tail![list] = -1;
        this.count[list] = 0;
      }
      return;
    }
    const eps = this.endpointOf;
    for (let cell = 0; cell < eps.length; cell++) if (eps[cell] === endpoint) eps[cell] = NO_AFFINITY;
  }

  private append(cell: number, list: number): void {
    const last = this.tail![list];
    this.prev![cell] = last;
    this.next![cell] = -1;
    if (last === -1) this.head![list] = cell;
    else this.next![last] = cell;
    this.tail![list] = cell;
    this.count![list]++;
  }

  private unlink(cell: number, list: number): void {
    const before = this.prev![cell];
    const after = this.next![cell];
    if (before === -1) this.head![list] = after;
    else this.next![before] = after;
    if (after === -1) this.tail![list] = before;
    else this.prev![after] = before;
    this.prev![cell] = -1;
    this.next![cell] = -1;
    this.count![list]--;
  }
}
