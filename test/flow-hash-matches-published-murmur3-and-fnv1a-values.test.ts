import { expect, test } from 'vitest';
import { flowHash, fnv1a32, hashInt } from '../src/model/flow-hash.js';

test('hashInt is MurmurHash3 x86_32 of the word\'s four little-endian bytes', () => {
  // Published test values of MurmurHash3_x86_32.
  expect(hashInt(0, 0)).toBe(0x2362f9de); // bytes 00 00 00 00, seed 0
  expect(hashInt(0x61616161, 0x9747b28c)).toBe(0x5a97808a); // "aaaa"
  expect(hashInt(0x64636261, 0x9747b28c)).toBe(0xf0478627); // "abcd"
});

test('flowHash is a function of all five fields and of the seed', () => {
  const base = flowHash(1, 2, 3, 4, 6, 0);
  expect(flowHash(1, 2, 3, 4)).toBe(base);
  for (const other of [flowHash(9, 2, 3, 4, 6, 0), flowHash(1, 9, 3, 4, 6, 0), flowHash(1, 2, 9, 4, 6, 0), flowHash(1, 2, 3, 9, 6, 0), flowHash(1, 2, 3, 4, 17, 0), flowHash(1, 2, 3, 4, 6, 1)]) {
    expect(other).not.toBe(base);
  }
});

test('fnv1a32 is 32-bit FNV-1a', () => {
  expect(fnv1a32('')).toBe(0x811c9dc5);
  expect(fnv1a32('a')).toBe(0xe40c292c);
  expect(fnv1a32('foobar')).toBe(0xbf9cf968);
});
