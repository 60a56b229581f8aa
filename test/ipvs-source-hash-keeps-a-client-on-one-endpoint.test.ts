import { expect, test } from 'vitest';
import { IPVS_SH_TABLE_SIZE, IpvsScheduler, ipvsSourceHashBucket } from '../src/model/ipvs.js';

test('sh sends every connection from one client to the same endpoint, whatever the load', () => {
  const active = new Int32Array(4);
  const sh = new IpvsScheduler('sh', Int32Array.of(0, 1, 2, 3), active);
  const first = sh.pick(77);
  for (let i = 0; i < 20; i++) {
    expect(sh.pick(77)).toBe(first);
    sh.opened(first);
  }
  expect(active[first]).toBe(20);
});

test('sh fills its 256 buckets with the endpoints in turn, so bucket i goes to endpoint i mod n', () => {
  const sh = new IpvsScheduler('sh', Int32Array.of(10, 20, 30), new Int32Array(31));
  expect([0, 1, 2, 3, 4, 255, 256, 257].map((h) => sh.pick(h))).toEqual([10, 20, 30, 10, 20, 10, 10, 20]);
  const share = new Map<number, number>();
  for (let b = 0; b < IPVS_SH_TABLE_SIZE; b++) {
    const e = sh.pick(b);
    share.set(e, (share.get(e) ?? 0) + 1);
  }
  expect([...share]).toEqual([[10, 86], [20, 85], [30, 85]]);
});

test('the kernel bucket of an IPv4 source is the top 8 bits of addr * 0x61C88647 (hash_32)', () => {
  // 10.0.0.1 = 0x0A000001; 0x0A000001 * 0x61C88647 mod 2^32 = 0x27C88647.
  expect(ipvsSourceHashBucket(0x0a000001)).toBe(0x27);
  for (const ip of [0, 0xc0a80001, 0xffffffff, 0x7f000001, 0x0a0a0a0a]) {
    const exact = Number(((BigInt(ip) * 0x61c88647n) % (1n << 32n)) >> 24n);
    expect(ipvsSourceHashBucket(ip)).toBe(exact);
  }
});
