import { expect, test } from 'vitest';
import { Simulator } from '../src/engine/simulator.js';
import { DROPPED } from '../src/model/trace.js';
import { Recorder } from '../src/stats/recorder.js';

// The warm-up ends at 10 s. What counts is when the client sent the request, not when the news
// arrives: a request sent at 5 s that ends at 12 s is left out; one sent at exactly 10 s counts.
test('the recorder counts a request, and its attempts, only if it was sent after the warm-up', () => {
  const sim = new Simulator();
  const recorder = new Recorder(2, 1, sim, 1, 10);
  const at = (time: number, f: () => void) => sim.scheduleAt(time, sim.register(f));
  at(5, () => { recorder.requestSent(5); recorder.attemptReceived(0, 5); recorder.attemptReachedPod(0, 5); });
  at(6, () => { recorder.requestSent(6); recorder.attemptLost(1, 6); });
  at(10, () => { recorder.requestSent(10); recorder.attemptReceived(0, 10); recorder.attemptForwarded(0, 1, 10); recorder.attemptReachedPod(0, 10); });
  at(11, () => { recorder.requestSent(11); recorder.attemptLost(1, 11); recorder.requestEnded(DROPPED, 11); });
  at(12, () => {
    recorder.requestCompleted(0.5, 0, 1, 2, true, false, 0, 0, 5);
    recorder.requestEnded(DROPPED, 6);
    recorder.requestCompleted(0.25, 0, 1, 2, true, false, 0, 0, 10);
  });
  sim.run();
  expect([recorder.requests, recorder.completed, recorder.dropped, recorder.inFlight]).toEqual([2, 1, 1, 0]);
  expect(recorder.latency.mean).toBe(0.25);
  expect([...recorder.nodeReceived]).toEqual([1, 0]);
  expect([...recorder.nodeForwardedOut, ...recorder.nodeForwardedIn]).toEqual([1, 0, 0, 1]);
  expect([...recorder.nodeDropped]).toEqual([0, 1]);
  expect([...recorder.podRequests, ...recorder.podCompleted]).toEqual([1, 1]);
  expect(recorder.series.rows().reduce((a, r) => a + r.sent, 0)).toBe(2);
  recorder.destroy();
});
