import { expect, test } from 'vitest';
import { MaglevTable } from '../src/model/maglev.js';

test('the default size is Cilium\'s, 16381', () => {
  expect(new MaglevTable(['a', 'b']).size).toBe(16381);
});

test('a size that is not prime is rejected', () => {
  expect(() => new MaglevTable(['a', 'b'], 16384)).toThrow(new RangeError('Maglev table size must be a prime number, got 16384'));
  expect(() => new MaglevTable(['a', 'b'], 1)).toThrow(new RangeError('Maglev table size must be a prime number, got 1'));
  expect(() => new MaglevTable(['a', 'b'], 16381.5)).toThrow(new RangeError('Maglev table size must be a prime number, got 16381.5'));
});

test('a size not larger than the number of backends is rejected', () => {
  expect(() => new MaglevTable(['a', 'b', 'c'], 3)).toThrow(
    new RangeError('Maglev table size 3 must be larger than the number of backends (3)'),
  );
});

test('two backends of the same name are rejected', () => {
  expect(() => new MaglevTable(['a', 'b', 'a'])).toThrow(new RangeError('Maglev backend names must be unique, got "a" twice'));
});

test('a table without backends answers no backend', () => {
  expect(new MaglevTable([], 7).lookup(12345)).toBe(-1);
});
