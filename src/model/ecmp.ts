/**
 * Per-flow ECMP: how a router spreads a VIP's flows over the next hops (nodes) that advertise
 * it, as with MetalLB in BGP mode. The router hashes the flow (see flowHash) and maps the hash
 * to one of `count` next hops; a flow keeps its node for as long as the next-hop set is stable.
 *
 * When the set changes, flows move, and a flow that lands on another node mid-connection
 * finds no conntrack entry there and is reset. How many move depends on the mapping:
 * - modulo (`ecmpChoose`, the default here): `hash mod count`. Nearly every flow's remainder
 *   changes with the divisor: going from N to N - 1 next hops moves about (N - 1)/N of all
 *   flows, not the 1/N that were on the node that left. MetalLB's BGP docs name this the mode's
 *   main limitation (a node leaving resets connections) and point to resilient ECMP.
 * - hash-threshold (`ecmpChooseHashThreshold`, RFC 2992; the Linux kernel's multipath routes):
 *   each next hop owns a contiguous range of the hash space. Removing one shifts the
 *   boundaries of its neighbours: about half of all flows move when the last of N leaves.
 * - resilient hashing (`ResilientEcmpGroup`): a table of buckets indexed by `hash mod B`,
 *   each bucket naming a next hop; when a next hop leaves only its buckets are handed out
 *   again, so only its own flows move. Linux has it since 5.13 (nexthop groups of type
 *   resilient, 128 buckets by default); switch ASICs offer it as "resilient hashing".
 */

export const NO_NEXT_HOP = -1;

/** `hash mod count`: the next hop's index in [0, count), or NO_NEXT_HOP when count is 0. O(1). */
export function ecmpChoose(hash: number, count: number): number {
  return count > 0 ? (hash >>> 0) % count : NO_NEXT_HOP;
}

/** RFC 2992 hash-threshold over equal regions: `floor(hash * count / 2^32)`. O(1). */
export function ecmpChooseHashThreshold(hash: number, count: number): number {
  return count > 0 ? Math.floor(((hash >>> 0) * count) / 4294967296) : NO_NEXT_HOP;
}

/** Linux's default number of buckets in a resilient nexthop group. */
export const RESILIENT_DEFAULT_BUCKETS = 128;

/**
 * A resilient ECMP group: `buckets` slots, each holding a member (e.g. a node index), looked
 * up by `hash mod buckets`. Members are given floor(B/n) or ceil(B/n) buckets, the first
 * B mod n members in list order one more. A changed member set (`withMembers`) keeps every
 * bucket whose member stays, up to that member's new share, and hands out the rest.
 *
 * Simplified from Linux: it migrates a bucket only once the bucket has been idle for
 * `idle_timer` (or after `unbalanced_timer`); here rebalancing is immediate, which matters only
 * when members are added (removals move just the leaving member's buckets either way).
 */
export class ResilientEcmpGroup {
  readonly members: readonly number[];
  private readonly table: Int32Array;

  /** `previous`: the group this one replaces, whose buckets are kept where they can be (see withMembers). */
  constructor(members: readonly number[], buckets = RESILIENT_DEFAULT_BUCKETS, previous?: ResilientEcmpGroup) {
    if (!Number.isSafeInteger(buckets) || buckets < 1) {
      throw new RangeError(`a resilient ECMP group needs a whole number of buckets, got ${buckets}`);
    }
    if (buckets < members.length) {
      throw new RangeError(`a resilient ECMP group of ${members.length} members needs at least as many buckets, got ${buckets}`);
    }
    for (const m of members) {
      if (!Number.isSafeInteger(m) || m < 0) throw new RangeError(`resilient ECMP group members are indices, got ${m}`);
    }
    if (new Set(members).size !== members.length) throw new RangeError('resilient ECMP group members must be distinct');
    this.members = Object.freeze(members.slice());
    this.table = assign(this.members, buckets, previous?.table.length === buckets ? previous.table : undefined);
  }

  get buckets(): number {
    return this.table.length;
  }

  /** The member for a flow with this hash, or NO_NEXT_HOP when the group is empty. O(1). */
  choose(hash: number): number {
    return this.table[(hash >>> 0) % this.table.length];
  }

  /** The group after a change of members, moving as few buckets as the new shares allow. */
  withMembers(members: readonly number[]): ResilientEcmpGroup {
    return new ResilientEcmpGroup(members, this.table.length, this);
  }
}

function assign(members: readonly number[], buckets: number, previous: Int32Array | undefined): Int32Array {
  const table = new Int32Array(buckets).fill(NO_NEXT_HOP);
  const n = members.length;
  if (n === 0) return table;
  const rank = new Map<number, number>();
  members.forEach((m, i) => rank.set(m, i));
  const want = new Int32Array(n);
  for (let i = 0; i < n; i++) want[i] = Math.floor(buckets / n) + (i < buckets % n ? 1 : 0);
  if (previous) {
    for (let b = 0; b < buckets; b++) {
      const i = rank.get(previous[b]);
      if (i !== undefined && want[i] > 0) {
        table[b] = previous[b];
        want[i]--;
      }
    }
  }
  let i = 0;
  for (let b = 0; b < buckets; b++) {
    if (table[b] !== NO_NEXT_HOP) continue;
    while (want[i] === 0) i = (i + 1) % n;
    table[b] = members[i];
    want[i]--;
    i = (i + 1) % n;
  }
  return table;
}
