import { expect, test } from 'vitest';
import { ValueSearch } from '../src/plan/value-search.js';

/** Runs a search against "meets from `answer` on" and returns its answer and the values it tried, in order. */
function search(lowest: number, max: number, start: number, answer: number): { found?: number; tried: number[] } {
  const s = new ValueSearch(lowest, max, start);
  const tried: number[] = [];
  for (let v = s.next(); v !== undefined; v = s.next()) {
    tried.push(v);
    s.record(v, v >= answer);
  }
  return { found: s.answer(), tried };
}

test('from every start, the search finds the smallest passing value, tries no value twice and stays within its bounds', () => {
  for (let answer = 3; answer <= 41; answer++) {
    for (let start = 3; start <= 40; start++) {
      const { found, tried } = search(3, 40, start, answer);
      expect(found, `answer ${answer}, start ${start}`).toBe(answer <= 40 ? answer : undefined);
      expect(new Set(tried).size).toBe(tried.length);
      expect(tried.every((v) => v >= 3 && v <= 40)).toBe(true);
      // Galloping then bisecting: about twice log2 of the distance from the start, never a scan.
      const far = Math.abs(answer - start) + 1;
      expect(tried.length, `answer ${answer}, start ${start}: ${tried.join(' ')}`).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(far + 1)) + 2);
    }
  }
});

test('a right guess costs two probes: the answer and the value below it', () => {
  expect(search(1, 200, 17, 17).tried).toEqual([17, 16]);
});

test('an answer at the lowest value needs no probe below it, and none up to max is no answer', () => {
  expect(search(5, 200, 9, 2)).toEqual({ found: 5, tried: [9, 8, 6, 5] });
  expect(search(1, 10, 4, 11)).toEqual({ found: undefined, tried: [4, 5, 7, 10] });
});
