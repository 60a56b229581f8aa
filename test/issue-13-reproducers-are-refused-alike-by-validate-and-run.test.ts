import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cli } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

// Issue 13's reproducers, each scenarios/seed-two-nodes.yaml (or seed-externalname.yaml) with one
// field changed: what hung, aborted or named no place is now refused by validate and run alike,
// with the same message, before anything runs.

const temp = new TempDirs();
afterEach(() => temp.removeAll());

/** A bundled scenario with its text edited: each [from, to] must match once. */
function edited(scenario: string, edits: Array<[string, string]>): string {
  let text = readFileSync(join('scenarios', scenario), 'utf8');
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`"${from}" is not in ${scenario} once`);
    text = text.replace(from, to);
  }
  const file = join(temp.make(), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

const LB = '  loadBalancer:\n    model: even\n';
const SERVICE_TIME = '      serviceTime: { exponential: { mean: 10ms } }\n';
const COMPARE = '  compare:\n';
const INVALID = 'error: The Scenario "seed-two-nodes" is invalid: ';
const timeline = (event: string): [string, string] => [COMPARE, `  timeline:\n    - at: 1s\n      ${event}\n${COMPARE}`];

/** [what, edits, line, the message after "FILE:line: "]. */
const REFUSED: Array<[string, Array<[string, string]>, number, string]> = [
  ['a health check every 0 s', [[LB, `${LB}    healthCheck: { interval: 0 }\n`]], 82,
    `${INVALID}spec.loadBalancer.healthCheck.interval: Invalid value: 0: must be greater than 0`],
  ['a health check every 1ns', [[LB, `${LB}    healthCheck: { interval: 1ns }\n`]], 82,
    `${INVALID}spec.loadBalancer.healthCheck.interval: Invalid value: "1ns": the run would simulate about 2.2e12 events in each variant: `
    + 'health probes every 1ns on 2 nodes for 1110s, more than the limit of 5e9; lengthen it, or run with --allow-large'],
  ['a diurnal load with a period of 0', [timeline('load: { diurnal: { min: 10, max: 100, period: 0 } }')], 86,
    `${INVALID}spec.timeline[0].load.diurnal.period: Invalid value: 0: must be greater than 0`],
  ['a service time of 1e400s', [[SERVICE_TIME, '      serviceTime: 1e400s\n']], 73,
    `${INVALID}spec.pods[0].serviceTime: Invalid value: "1e400s": must add up to a finite number of seconds`],
  ['a traffic duration of 1e400s', [['    requests: 200000', '    duration: 1e400s']], 69,
    `${INVALID}spec.traffic.duration: Invalid value: "1e400s": must add up to a finite number of seconds`],
  ['a lognormal whose draws are Infinity', [[SERVICE_TIME, '      serviceTime: { lognormal: { mu: 1000, sigma: 0 } }\n']], 73,
    `${INVALID}spec.pods[0].serviceTime: its mean is not a finite number of seconds (every draw would be Infinity or NaN)`],
  ['a rate of 0.000001', [['    rate: 180', '    rate: 0.000001']], 68,
    `${INVALID}spec.traffic.rate: Invalid value: 0.000001: the run would simulate about 2e11s (6340 years) in each variant: `
    + '200000 requests at 0.000001/s, more than the limit of 1e7s (116 days); raise it or send fewer requests, or run with --allow-large'],
  ['a time-series interval of 0', [[COMPARE, `  timeSeries: { interval: 0 }\n${COMPARE}`]], 84,
    `${INVALID}spec.timeSeries.interval: Invalid value: 0: must be greater than 0`],
  ['2147483647 replicas, a legal int32', [['  replicas: 3', '  replicas: 2147483647']], 27,
    'error: Deployment "hostname-deployment": spec.replicas: Invalid value: 2147483647: the cluster would have about 2.1e9 pods, '
    + 'more than the limit of 150000 (Kubernetes\' own limit per cluster); lower it, or run with --allow-large'],
  ['2147483648 replicas, beyond int32 as the API server\'s decoder refuses them', [['  replicas: 3', '  replicas: 2147483648']], 27,
    'error: The Deployment "hostname-deployment" is invalid: spec.replicas: Invalid value: 2147483648: must be of type int32 (at most 2147483647)'],
  ['a placement pin of 2147483647 pods', [['node-a: 2, node-b: 1', 'node-a: 2147483647, node-b: 1']], 83,
    `${INVALID}spec.placement.hostname-deployment.node-a: Invalid value: 2147483647: the cluster would have about 2.1e9 pods, `
    + 'more than the limit of 150000 (Kubernetes\' own limit per cluster); lower it, or run with --allow-large'],
  ['a timeline scaling to 2147483647 replicas', [timeline('scale: { workload: hostname-deployment, replicas: 2147483647 }')], 86,
    `${INVALID}spec.timeline[0].scale.replicas: Invalid value: 2147483647: the cluster would have about 2.1e9 pods, `
    + 'more than the limit of 150000 (Kubernetes\' own limit per cluster); lower it, or run with --allow-large'],
  ['a client population of 2^53 - 1', [[COMPARE, `  clients: { population: 9007199254740991 }\n${COMPARE}`]], 84,
    `${INVALID}spec.clients.population: Invalid value: 9007199254740991: must be less than or equal to 16777216`],
  ['a Maglev table of 2147483647', [[LB, '  loadBalancer:\n    model: maglev\n    maglevTableSize: 2147483647\n']], 82,
    `${INVALID}spec.loadBalancer.maglevTableSize: Invalid value: 2147483647: must be less than or equal to 131071`],
  ['a uniform latency with min above max in a timeline', [timeline('latency: { link: sameZone, value: { uniform: { min: 2ms, max: 1ms } } }')], 86,
    `${INVALID}spec.timeline[0].latency.value: uniform: min "2ms" is above max "1ms"`],
  ['empirical percentiles with p0 above p100 in a timeline',
    [timeline('latency: { link: sameZone, value: { empirical: { percentiles: { p0: 2ms, p100: 1ms } } } }')], 86,
    `${INVALID}spec.timeline[0].latency.value: empirical percentiles must not decrease: p100 < p0`],
  ['no serviceTime', [[SERVICE_TIME, '']], 71, `${INVALID}spec.pods[0].serviceTime: Required value`],
  ['a warm-up of 1h on a run of 11 s', [['    requests: 200000', '    requests: 2000\n    warmup: 1h']], 70,
    `${INVALID}spec.traffic.warmup: Invalid value: "1h": the 2000 requests are all sent in about 11.1s, before the warm-up ends: nothing would be measured`],
  ['an exponential service time of 1h for 20000 requests', [[SERVICE_TIME, '      serviceTime: { exponential: { mean: 1h } }\n'],
    ['requests: 200000', 'requests: 20000']], 73,
    `${INVALID}spec.pods[0].serviceTime: Invalid value: {"exponential":{"mean":"1h"}}: the run would simulate about 2.4e7s (278 days) in each variant: `
    + 'its pods would work off a backlog of 20000 requests for about 2.4e7s (278 days), more than the limit of 1e7s (116 days); '
    + 'shorten it, add workers or send fewer requests, or run with --allow-large'],
];

describe('issue 13: inputs that hung, aborted or named no place are refused by validate and run alike', () => {
  test.each(REFUSED)('%s', async (_, edits, line, message) => {
    const file = edited('seed-two-nodes.yaml', edits);
    const out = join(temp.make(), 'never');
    const validate = await cli('validate', file);
    const run = await cli('run', file, '--out', out, '--no-progress');
    expect(validate.err).toBe(`${file}:${line}: ${message}\n`);
    expect(validate.code).toBe(1);
    expect(run.err).toBe(validate.err);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  }, 20_000);

  test('a file with only the Scenario names the Scenario, never "undefined"', async () => {
    const seed = readFileSync('scenarios/seed-two-nodes.yaml', 'utf8');
    const file = join(temp.make(), 'scenario.yaml');
    writeFileSync(file, seed.slice(seed.indexOf('apiVersion: svcsim.io')));
    const validate = await cli('validate', file);
    expect(validate.err).toBe([
      `${file}:28: ${INVALID}spec.compare.spec.externalTrafficPolicy: Not found: Service/hostname-svc-lb-local (the object a compare key overrides)`,
      `${file}:26: ${INVALID}spec.placement.hostname-deployment: Not found: no Deployment, StatefulSet, ReplicaSet or ReplicationController named "hostname-deployment"`,
      `${file}:9: ${INVALID}spec.traffic.service: Not found: Service "hostname-svc-lb-local" (no Service in the input)`,
    ].map((l) => `${l}\n`).join(''));
    expect(validate.code).toBe(1);
    expect(await cli('run', file, '--out', join(temp.make(), 'never'))).toEqual({ code: 1, out: '', err: validate.err });
  }, 20_000);

  test.each([
    ['nodeSearchDomains: ["ec2..internal"]', [['      ndots: 5\n', '      ndots: 5\n      nodeSearchDomains: ["ec2..internal"]\n']], 58,
      'spec.externalName.dns.nodeSearchDomains[0]: Invalid value: "ec2..internal": must be a DNS domain without empty labels (nothing between two dots)'],
    ['a name with an empty label', [['externalname-svc, my.database.com]', 'externalname-svc, "my..database.com"]']], 53,
      'spec.externalName.name: Invalid value: "my..database.com": must be a DNS name without empty labels (nothing between two dots) (in variant "my..database.com")'],
  ] as Array<[string, Array<[string, string]>, number, string]>)('an ExternalName lookup with %s names its field, not "svcsim: dns: ..."', async (_, edits, line, message) => {
    const file = edited('seed-externalname.yaml', edits);
    const validate = await cli('validate', file);
    expect(validate.err).toBe(`${file}:${line}: error: The Scenario "seed-externalname" is invalid: ${message}\n`);
    expect(validate.code).toBe(1);
    expect(await cli('run', file, '--out', join(temp.make(), 'never'))).toEqual({ code: 1, out: '', err: validate.err });
  }, 20_000);
});
