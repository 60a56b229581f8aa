import { expect, test } from 'vitest';
import { StudyCount } from '../src/output/progress.js';

test('requests of runs on two threads, reported interleaved, add up; a finished run counts whole', () => {
  const count = new StudyCount([100, 100, 100]);
  expect(count.total).toBe(300);
  count.update(1, 40);
  count.update(0, 30);
  count.update(1, 80);
  expect(count.value).toBe(110);
  count.runDone(1);
  expect([count.value, count.finished]).toEqual([130, 1]);
  count.update(2, 50);
  count.runDone(0);
  count.runDone(2);
  expect([count.value, count.finished]).toEqual([300, 3]);
});

test('a run sending for a duration makes the bar count finished runs', () => {
  const count = new StudyCount([100, undefined]);
  count.update(0, 60);
  expect([count.byRequests, count.total, count.value]).toEqual([false, 2, 0]);
  count.runDone(1);
  expect(count.value).toBe(1);
});

test('a planner\'s growing list of runs keeps what the runs done so far sent', () => {
  const count = new StudyCount([10, 10]);
  count.runDone(0);
  count.runDone(1);
  count.setRuns([10, 10, 10, 10]);
  count.update(3, 4);
  count.update(2, 20);
  expect([count.total, count.value]).toEqual([40, 34]);
});
