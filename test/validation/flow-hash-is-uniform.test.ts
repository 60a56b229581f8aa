import { expect, test } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { flowHash, hashString } from '../../src/model/flow-hash.js';

/**
 * Upper 0.1% point of chi-square with `df` degrees of freedom (significance 0.001), by the
 * Wilson-Hilferty approximation, within 0.1% for a few hundred degrees of freedom.
 */
function chiSquareCritical(df: number): number {
  const z = 3.0902; // one-sided 99.9% normal quantile
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

function chiSquare(values: Uint32Array, buckets: number, bucketOf: (h: number) => number): number {
  const counts = new Float64Array(buckets);
  for (const h of values) counts[bucketOf(h)]++;
  const expected = values.length / buckets;
  let x2 = 0;
  for (const c of counts) x2 += (c - expected) ** 2 / expected;
  return x2;
}

// Low bits feed `hash mod n` (Maglev, modulo ECMP), high bits feed `hash * n / 2^32`
// (hash-threshold ECMP); a prime modulus uses every bit.
const views: [string, number, (h: number) => number][] = [
  ['low byte', 256, (h) => h & 0xff],
  ['high byte', 256, (h) => h >>> 24],
  ['mod 251', 251, (h) => h % 251],
];

function expectUniform(hashes: Uint32Array): void {
  for (const [name, buckets, view] of views) {
    expect(chiSquare(hashes, buckets, view), name).toBeLessThan(chiSquareCritical(buckets - 1));
  }
}

test('the chi-square threshold is the tabulated 99.9th percentile', () => {
  expect(chiSquareCritical(255)).toBeCloseTo(330.5, 0);
  expect(chiSquareCritical(250)).toBeCloseTo(324.8, 0);
});

// The inputs are as regular as real ones: one client's successive connections, and names
// that differ in a digit.
test('hashes of one client\'s consecutive connections fall evenly into buckets (chi-square, significance 0.001)', () => {
  expectUniform(Uint32Array.from({ length: 100_000 }, (_, i) => flowHash(7, i, 3, 443)));
});

test('hashes of numbered names fall evenly into buckets (chi-square, significance 0.001)', () => {
  expectUniform(Uint32Array.from({ length: 100_000 }, (_, i) => hashString(`node-${i}`)));
});

test('flipping any input bit flips each output bit about half the time (avalanche)', () => {
  const samples = 2000;
  const u = new RandomStreams(3).stream('avalanche');
  const word = () => Math.floor(u() * 2 ** 32);
  // flips[(arg * 32 + inBit) * 32 + outBit]
  const flips = new Uint32Array(5 * 32 * 32);
  for (let s = 0; s < samples; s++) {
    const args = [word(), word(), word(), word(), word()];
    const base = flowHash(args[0], args[1], args[2], args[3], args[4]);
    for (let a = 0; a < 5; a++) {
      for (let bit = 0; bit < 32; bit++) {
        const f = args.slice();
        f[a] ^= 1 << bit;
        const diff = base ^ flowHash(f[0], f[1], f[2], f[3], f[4]);
        for (let out = 0; out < 32; out++) if ((diff >>> out) & 1) flips[(a * 32 + bit) * 32 + out]++;
      }
    }
  }
  // Each cell is Binomial(2000, 1/2)/2000: standard error 0.011. 5120 cells; allow 5 of them.
  const tolerance = 5 * Math.sqrt(0.25 / samples);
  let worst = 0;
  for (const f of flips) worst = Math.max(worst, Math.abs(f / samples - 0.5));
  expect(worst).toBeLessThan(tolerance);
});
