import { hashString } from './flow-hash.js';

export const NO_BACKEND = -1;

/** Cilium's default table size (--bpf-lb-maglev-table-size): a prime, as Maglev requires. */
export const MAGLEV_DEFAULT_SIZE = 16381;

// Two seeds give the two independent name hashes the algorithm needs (Cilium takes both
// halves of one seeded 128-bit Murmur3). Fixed, so every node builds the same table.
const OFFSET_SEED = 0x6d61676c;
const SKIP_SEED = 0x736b6970;

/**
 * A Maglev consistent-hashing lookup table (Eisenbud et al., NSDI 2016), built the way Cilium
 * builds it for its kube-proxy replacement.
 *
 * Each backend has a preference list, a permutation of the table's slots: it starts at
 * `offset = h1(name) mod M` and steps by `skip = h2(name) mod (M - 1) + 1`; M prime makes every
 * skip coprime with M, so the walk visits every slot once. Backends take turns, round robin,
 * each claiming its next preferred slot that is still free, until the table is full. So:
 * - balance: every backend owns floor(M/N) or ceil(M/N) slots, within 1 of each other, so
 *   shares differ by at most N/M (the paper takes M > 100 N: at most 1%);
 * - consistency: removing a backend frees its slots and leaves most other slots where they
 *   were, so about 1/N of flows move, plus a small extra among the survivors that shrinks as
 *   M/N grows (the paper aims at minimal disruption, not perfect consistency).
 * Like Cilium, backends are filled in order of name, so the table does not depend on the
 * order they are listed in, and every node computes the same one without talking to the
 * others. Unlike Cilium, the permutations are walked as needed instead of stored (N x M).
 *
 * A flow picks `table[hash mod M]`, where `hash` is its tuple hash (see flowHash).
 * Backend weights (Cilium supports them) are not modelled. Tables are immutable: a changed
 * backend set is a new table (see `withBackends`), as in Cilium, which rebuilds and swaps.
 */
export class MaglevTable {
  readonly backends: readonly string[];
  private readonly table: Int32Array;

  constructor(backends: readonly string[], readonly size = MAGLEV_DEFAULT_SIZE) {
    if (!Number.isSafeInteger(size) || !isPrime(size)) {
      throw new RangeError(`Maglev table size must be a prime number, got ${size}`);
    }
    if (size <= backends.length) {
      throw new RangeError(`Maglev table size ${size} must be larger than the number of backends (${backends.length})`);
    }
    const seen = new Set<string>();
    for (const name of backends) {
      if (seen.has(name)) throw new RangeError(`Maglev backend names must be unique, got "${name}" twice`);
      seen.add(name);
    }
    this.backends = Object.freeze(backends.slice());
    this.table = populate(this.backends, size);
  }

  /** The index in `backends` of the backend for a flow with this hash, or NO_BACKEND when there are none. O(1). */
  lookup(hash: number): number {
    return this.table[(hash >>> 0) % this.size];
  }

  /** The table for another backend set, same size: what Cilium rebuilds when endpoints change. */
  withBackends(backends: readonly string[]): MaglevTable {
    return new MaglevTable(backends, this.size);
  }
}

/** Fills the table: O(M log M) expected steps; memory O(N + M). */
function populate(backends: readonly string[], m: number): Int32Array {
  const table = new Int32Array(m).fill(NO_BACKEND);
  const n = backends.length;
  if (n === 0) return table;
  const order = backends.map((_, i) => i).sort((a, b) => (backends[a] < backends[b] ? -1 : 1));
  const next = new Int32Array(n); // each backend's next candidate slot in its permutation
  const skip = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const name = backends[order[k]];
    next[k] = hashString(name, OFFSET_SEED) % m;
    skip[k] = (hashString(name, SKIP_SEED) % (m - 1)) + 1;
  }
  let filled = 0;
  for (;;) {
    for (let k = 0; k < n; k++) {
      let c = next[k];
      while (table[c] !== NO_BACKEND) c = (c + skip[k]) % m;
      table[c] = order[k];
      next[k] = (c + skip[k]) % m;
      if (++filled === m) return table;
    }
  }
}

function isPrime(x: number): boolean {
  if (x < 2) return false;
  if (x % 2 === 0) return x === 2;
  for (let d = 3; d * d <= x; d += 2) if (x % d === 0) return false;
  return true;
}
