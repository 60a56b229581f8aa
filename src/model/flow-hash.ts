/**
 * Hashes for per-flow decisions (ECMP, Maglev) and for names (Maglev backends).
 *
 * Integers: MurmurHash3 x86_32 over 32-bit words, little-endian, with a seed. Its block mix and
 * finalizer (fmix32) give full avalanche, it is a handful of Math.imul calls and allocates
 * nothing, and it is the hash SMHasher and most load balancers' literature measure against.
 * Real datapaths use cousins of it: Cilium hashes the tuple with jhash, Linux with siphash,
 * switches with CRCs; what the model needs is the property they share, a uniform,
 * well-mixed 32-bit value per flow, so that `hash % n` and `hash * n / 2^32` are both fair.
 *
 * Strings: FNV-1a (32-bit) over the UTF-16 code units, which for ASCII is exactly FNV-1a over
 * the bytes, then one Murmur3 round keyed by the seed. FNV-1a alone mixes its low bits poorly
 * for short, similar names ("node-1", "node-2"); the Murmur3 round fixes that and makes the
 * seed a true key, so two seeds give two independent-looking hashes of the same name.
 *
 * Every argument is taken modulo 2^32, as Math.imul does; every result is a uint32.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** IANA protocol numbers, as they appear in a flow's 5-tuple. */
export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;
export const PROTOCOL_SCTP = 132;

/** Murmur3's body step: mixes one 32-bit word `k` into the state `h`. */
function mixWord(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Murmur3's finalizer fmix32: a bijection on uint32 in which every input bit affects every output bit. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 x86_32 of one 32-bit word (its four bytes, little-endian). */
export function hashInt(x: number, seed = 0): number {
  return mix32(mixWord(seed | 0, x) ^ 4);
}

/**
 * MurmurHash3 x86_32 of a flow's 5-tuple as five little-endian words: client IP (index),
 * client port or connection number, service VIP (index), service port, IP protocol number.
 * Give each hashing layer its own seed (routers and Cilium seed theirs), or two layers that
 * see the same flows make correlated choices: the "hash polarization" of ECMP networks.
 * Note that Cilium leaves the VIP out of its Maglev hash, so that one client reaches the same
 * backend through any of a service's VIPs; pass a constant `vip` to model that. Cost: 5 mixes.
 */
export function flowHash(clientIp: number, clientPort: number, vip: number, port: number, protocol = PROTOCOL_TCP, seed = 0): number {
  let h = seed | 0;
  h = mixWord(h, clientIp);
  h = mixWord(h, clientPort);
  h = mixWord(h, vip);
  h = mixWord(h, port);
  h = mixWord(h, protocol);
  return mix32(h ^ 20);
}

/** FNV-1a, 32-bit, over the UTF-16 code units of `s` (for ASCII: over its bytes). Cost: one multiply a character. */
export function fnv1a32(s: string): number {
  let h = FNV_OFFSET_BASIS;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A well-mixed 32-bit hash of a name: `hashInt(fnv1a32(s), seed)`. */
export function hashString(s: string, seed = 0): number {
  return hashInt(fnv1a32(s), seed);
}
