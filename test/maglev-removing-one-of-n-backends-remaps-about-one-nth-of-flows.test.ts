import { expect, test } from 'vitest';
import { RandomStreams } from '../src/engine/random.js';
import { MaglevTable } from '../src/model/maglev.js';

const FLOWS = 100_000;
/** Two-sided 99.9% normal quantile: a correct table fails a bound once in 1000 seeds. */
const Z = 3.2905;
/**
 * Maglev is not perfectly consistent: a removal also moves a few flows between surviving
 * backends. With M = 16381 that extra is about 0.5% of flows at N = 8 and 1% at N = 50, for our
 * hashes and for ideal (SHA-256) permutations alike; allow twice the larger.
 */
const EXTRA = 0.02;

function flowHashes(): Uint32Array {
  const u = new RandomStreams(1).stream('flows');
  return Uint32Array.from({ length: FLOWS }, () => Math.floor(u() * 2 ** 32));
}

for (const n of [8, 50]) {
  test(`removing one of ${n} backends remaps about 1/${n} of flows, counting those on the removed backend`, () => {
    const names = Array.from({ length: n }, (_, i) => `web-${i}`);
    const before = new MaglevTable(names);
    const after = before.withBackends(names.filter((name) => name !== 'web-3'));
    let moved = 0;
    let movedBetweenSurvivors = 0;
    for (const h of flowHashes()) {
      const was = before.backends[before.lookup(h)];
      const now = after.backends[after.lookup(h)];
      if (now !== was) moved++;
      if (now !== was && was !== 'web-3') movedBetweenSurvivors++;
    }
    const p = 1 / n;
    const se = Math.sqrt((p * (1 - p)) / FLOWS);
    expect(moved / FLOWS).toBeGreaterThanOrEqual(p - Z * se);
    expect(moved / FLOWS).toBeLessThanOrEqual(p + EXTRA + Z * se);
    expect(movedBetweenSurvivors / FLOWS).toBeLessThanOrEqual(EXTRA);
  });

  test(`each of ${n} backends owns size/${n} lookup entries, give or take one`, () => {
    const table = new MaglevTable(Array.from({ length: n }, (_, i) => `web-${i}`));
    const owned = new Array<number>(n).fill(0);
    for (let slot = 0; slot < table.size; slot++) owned[table.lookup(slot)]++;
    const fair = table.size / n;
    for (const count of owned) {
      expect(Math.abs(count - fair)).toBeLessThan(1);
      expect(Math.abs(count - fair) / fair).toBeLessThan(0.01);
    }
  });
}
