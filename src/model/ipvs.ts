/**
 * kube-proxy in IPVS mode: the kernel's scheduler for one virtual service on one node picks the
 * endpoint of each new connection. Rules follow net/netfilter/ipvs/ip_vs_{rr,lc,sed,nq,sh}.c;
 * kube-proxy gives every real server weight 1, so weights are not modelled.
 *
 * State is per virtual service on a node: each node keeps its own round-robin position and
 * counts only the connections it forwarded itself. (Strictly, IPVS keeps this per virtual
 * server: a NodePort gets one virtual server per node IP, separate from the ClusterIP's.)
 *
 * Connections are counted while open (`opened` .. `closed`). IPVS calls these active
 * (ESTABLISHED); after the close it keeps an inactive entry (FIN_WAIT / TIME_WAIT, 2 minutes by
 * default) that only lc weighs, 1/256 as much as an active one. Inactive entries are not
 * modelled, and with weight 1 that makes lc, sed and nq choose alike: each takes the first
 * endpoint with the fewest open connections.
 */
export type IpvsSchedulerName = 'rr' | 'lc' | 'sh' | 'sed' | 'nq';

/** Buckets in the sh table: 1 << CONFIG_IP_VS_SH_TAB_BITS, 8 bits by default. */
export const IPVS_SH_TABLE_SIZE = 256;

/**
 * The sh bucket the kernel gives an IPv4 source address (a 32-bit integer): hash_32(addr, 8),
 * the top 8 bits of addr * 0x61C88647. kube-proxy sets the source-port flag only for mh, so
 * sh hashes the address alone.
 */
export function ipvsSourceHashBucket(ipv4: number): number {
  return Math.imul(ipv4 | 0, 0x61c88647) >>> 24;
}

export class IpvsScheduler {
  private readonly endpoints: Int32Array;
  private readonly active: Int32Array;
  /** sh: bucket -> endpoint id, bucket i holding endpoints[i mod n] (weight 1); empty otherwise. */
  private readonly buckets: Int32Array;
  /** rr: index of the endpoint the next connection goes to. */
  private next = 0;

  /**
   * @param endpoints endpoint ids this node may use, in kube-proxy's order.
   * @param active open connections per endpoint id, forwarded by this node; shared with the
   *   caller, kept up to date by `opened` and `closed`.
   */
  constructor(readonly scheduler: IpvsSchedulerName, endpoints: Int32Array, active: Int32Array) {
    this.endpoints = endpoints;
    this.active = active;
    const n = endpoints.length;
    this.buckets = new Int32Array(scheduler === 'sh' && n > 0 ? IPVS_SH_TABLE_SIZE : 0);
    for (let i = 0; i < this.buckets.length; i++) this.buckets[i] = endpoints[i % n];
  }

  /**
   * Endpoint id for a new connection, or -1 when there is none. `sourceHash` matters to sh
   * only: its low 8 bits pick the bucket (pass `ipvsSourceHashBucket(clientIp)` to follow the
   * kernel, or any per-client integer). Cost: O(1) for rr and sh, O(endpoints) otherwise.
   */
  pick(sourceHash: number): number {
    const n = this.endpoints.length;
    if (n === 0) return -1;
    switch (this.scheduler) {
      case 'rr': {
        const e = this.endpoints[this.next];
        this.next = this.next + 1 === n ? 0 : this.next + 1;
        return e;
      }
      case 'sh':
        return this.buckets[sourceHash & (IPVS_SH_TABLE_SIZE - 1)];
      case 'lc':
        return this.leastConnection();
      case 'sed':
        return this.shortestExpectedDelay();
      case 'nq':
        return this.neverQueue();
    }
  }

  opened(endpoint: number): void {
    this.active[endpoint]++;
  }

  closed(endpoint: number): void {
    this.active[endpoint]--;
  }

  /** Least overhead active*256 + inactive (inactive not modelled); ties go to the first. */
  private leastConnection(): number {
    const eps = this.endpoints;
    let best = eps[0];
    let least = this.active[best] * 256;
    for (let i = 1; i < eps.length; i++) {
      const overhead = this.active[eps[i]] * 256;
      if (overhead < least) {
        best = eps[i];
        least = overhead;
      }
    }
    return best;
  }

  /** Least (active + 1) / weight, weight 1; ties go to the first. */
  private shortestExpectedDelay(): number {
    const eps = this.endpoints;
    let best = eps[0];
    let least = this.active[best] + 1;
    for (let i = 1; i < eps.length; i++) {
      const delay = this.active[eps[i]] + 1;
      if (delay < least) {
        best = eps[i];
        least = delay;
      }
    }
    return best;
  }

  /** The first endpoint with no active connection, else as sed. */
  private neverQueue(): number {
    const eps = this.endpoints;
    for (let i = 0; i < eps.length; i++) if (this.active[eps[i]] === 0) return eps[i];
    return this.shortestExpectedDelay();
  }
}
