import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

test('a rolling update with maxUnavailable 0 and a long grace period replaces every pod and loses no request', () => {
  for (const v of runScenario(loadScenario(['scenarios/rolling-update.yaml'], { duration: '120s' })).variants) {
    expect(v.failed + v.dropped + v.rejected + v.timedOut).toBe(0);
    const fresh = v.pods.filter((p) => p.name.includes('-v30-'));
    expect(fresh).toHaveLength(4);
    for (const p of fresh) expect(p.completed).toBeGreaterThan(0);
    // Every request sent ends in the run or is still in flight at its end.
    expect(v.completed + v.inFlightAtEnd).toBe(v.requests);
  }
});
