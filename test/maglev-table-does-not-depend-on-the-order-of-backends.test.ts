import { expect, test } from 'vitest';
import { MaglevTable } from '../src/model/maglev.js';

test('listing the same backends in another order gives every slot the same backend', () => {
  const names = ['pod-a', 'pod-b', 'pod-c', 'pod-d', 'pod-e'];
  const forward = new MaglevTable(names, 1021);
  const backward = new MaglevTable([...names].reverse(), 1021);
  for (let slot = 0; slot < 1021; slot++) {
    expect(backward.backends[backward.lookup(slot)]).toBe(forward.backends[forward.lookup(slot)]);
  }
});
