import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';

// ExternalName traffic runs on the same client as every other entry: the timeline's load
// changes, the client's timeout and its retries apply to it as to the others.
const seed = readFileSync('scenarios/seed-externalname.yaml', 'utf8');

function run(traffic: string, extra: string) {
  const text = seed
    .replace('    rate: 100\n    requests: 50000\n', traffic)
    .replace('  compare:\n    Scenario:spec.externalName.name: [externalname-svc, my.database.com]\n', extra);
  return runScenario(scenarioFromYaml(text)).variants[0];
}

test('a load change on the timeline changes the rate of ExternalName requests', () => {
  const v = run('    rate: 100\n    duration: 20s\n', '  timeline:\n  - { at: 10s, load: { rate: 1000 } }\n');
  // 10 s at 100/s and 10 s at 1000/s: 11000 expected, Poisson sd 105; 99.9% two-sided is 3.29 sd.
  expect(Math.abs(v.requests - 11000)).toBeLessThan(3.29 * Math.sqrt(11000));
});

test('a timeout shorter than DNS plus the target times ExternalName requests out, after their retries', () => {
  // DNS (0.5 ms + 5 ms upstream means, lognormal, at least one query) plus an 8 ms-mean target:
  // an answer within 1 ms is all but impossible, so nearly every attempt times out.
  const v = run('    rate: 100\n    requests: 2000\n', '  clients: { timeout: 1ms, retries: { count: 3, backoff: 10ms } }\n');
  expect(v.requests).toBe(2000);
  expect(v.timedOut + v.completed).toBe(2000);
  expect(v.timedOut).toBeGreaterThan(1990);
  // Every request that timed out was tried four times; a completed one may have needed fewer.
  expect(v.retries).toBeGreaterThanOrEqual(3 * v.timedOut);
  expect(v.retries).toBeLessThanOrEqual(3 * 2000);
});

test('a Scenario field that cannot apply to ExternalName traffic is an error naming it', () => {
  const text = seed.replace('  compare:\n', '  loadBalancer: { model: maglev }\n  timeline:\n  - { at: 1s, nodeFailure: { node: node-a } }\n  compare:\n');
  expect(() => scenarioFromYaml(text)).toThrow(/spec\.loadBalancer.*Forbidden: does not apply here: an ExternalName Service is a DNS alias/s);
  expect(() => scenarioFromYaml(text)).toThrow(/spec\.timeline\[0\]\.nodeFailure.*only load changes do/s);
});
