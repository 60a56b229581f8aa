import { expect, test } from 'vitest';
import { layerViolations } from '../scripts/layers.mjs';

// The layers and why, from engine up to cli: .dependency-cruiser.cjs. A failure lists each
// offending import as `from -> to: rule`; `npm run layers` prints the same list.
test('src/ layers import only downward, with no import cycles', async () => {
  expect(await layerViolations()).toEqual([]);
}, 30_000);
