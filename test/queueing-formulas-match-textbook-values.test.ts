import { expect, test } from 'vitest';
import {
  allenCunneenMeanWait, erlangC, md1MeanWait, mm1MeanResponse, mm1ResponseQuantile, mmcMeanWait, mmckBlocking,
  mmcResponseQuantile, mmcResponseTail,
} from '../src/engine/queueing-theory.js';

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

test('M/M/1: a pod at 70% of 100/s answers in 1/30 s on average and 153.5 ms at p99', () => {
  expect(mm1MeanResponse(70, 100)).toBeCloseTo(1 / 30, 15);
  expect(mm1ResponseQuantile(70, 100, 0.99)).toBeCloseTo(Math.log(100) / 30, 15);
  expect(mm1ResponseQuantile(70, 100, 0.99)).toBeCloseTo(0.1535, 4);
});

test('Erlang C equals its textbook sum, and with one server it is the utilization', () => {
  const c = 4;
  const a = 3.2;
  let sum = 0;
  for (let k = 0; k < c; k++) sum += a ** k / factorial(k);
  const top = (a ** c / factorial(c)) * (c / (c - a));
  expect(erlangC(c, 320, 100)).toBeCloseTo(top / (sum + top), 14);
  expect(erlangC(1, 70, 100)).toBeCloseTo(0.7, 15);
  expect(mmcMeanWait(1, 70, 100)).toBeCloseTo(0.7 / 30, 15);
});

test('M/M/c/K blocking equals Erlang B when K = c and the M/M/1/K formula when c = 1', () => {
  // Erlang B for c = 2, a = 1.5: (a^2/2) / (1 + a + a^2/2).
  expect(mmckBlocking(2, 2, 150, 100)).toBeCloseTo(1.125 / 3.625, 15);
  const rho = 0.8;
  const k = 6;
  expect(mmckBlocking(1, k, 80, 100)).toBeCloseTo(((1 - rho) * rho ** k) / (1 - rho ** (k + 1)), 15);
  // Overloaded systems are stable when bounded: at rho = 2 most arrivals are turned away.
  expect(mmckBlocking(1, 3, 200, 100)).toBeCloseTo(8 / 15, 15);
});

test('M/D/1 waits half as long as M/M/1 at the same load', () => {
  expect(md1MeanWait(80, 100)).toBeCloseTo(mmcMeanWait(1, 80, 100) / 2, 15);
});

test('M/M/c response tail: one server is M/M/1, and the tail integrates to the mean wait plus service', () => {
  expect(mmcResponseQuantile(1, 70, 100, 0.99)).toBeCloseTo(Math.log(100) / 30, 9);
  for (const [c, lambda] of [[2, 150], [4, 300], [3, 200]]) {
    // theta = c mu - lambda equals mu at (3, 200): the repeated-rate case.
    let integral = 0;
    const dt = 1e-5;
    for (let t = dt / 2; t < 1; t += dt) integral += mmcResponseTail(c, lambda, 100, t) * dt;
    expect(integral).toBeCloseTo(mmcMeanWait(c, lambda, 100) + 1 / 100, 6);
  }
  const p99 = mmcResponseQuantile(4, 300, 100, 0.99);
  expect(mmcResponseTail(4, 300, 100, p99)).toBeCloseTo(0.01, 9);
});

test('Allen-Cunneen is the M/M/c wait for exponential service and Pollaczek-Khinchine for one server', () => {
  expect(allenCunneenMeanWait(3, 250, 100, 1)).toBe(mmcMeanWait(3, 250, 100));
  expect(allenCunneenMeanWait(1, 80, 100, 0)).toBeCloseTo(md1MeanWait(80, 100), 15);
});

test('unstable or malformed queues are rejected', () => {
  expect(() => mm1MeanResponse(100, 100)).toThrow(new RangeError('unstable queue: lambda (100) must be below the service capacity (100)'));
  expect(() => erlangC(2, 250, 100)).toThrow(new RangeError('unstable queue: lambda (250) must be below the service capacity (200)'));
  expect(() => mmckBlocking(3, 2, 10, 100)).toThrow(new RangeError('K must be an integer >= c (3), got 2'));
  expect(() => erlangC(0, 10, 100)).toThrow(new RangeError('servers must be an integer >= 1, got 0'));
  expect(() => md1MeanWait(-1, 100)).toThrow(new RangeError('lambda must be a positive rate, got -1'));
});
