import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runCli } from '../src/cli/cli.js';
import { formatCount } from '../src/output/console-report.js';
import { resultFiles } from '../src/output/csv-files.js';
import { toJsonSummary } from '../src/output/json-summary.js';
import { variantWarnings } from '../src/output/variant-warnings.js';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

// Three nodes, all three pods on node-a, a balancer that does not probe: under Local, node-b and
// node-c have no endpoint and drop what they get, two thirds of all requests.
const dropping = smallCluster({
  nodes: { 'node-a': 'zone-a', 'node-b': 'zone-a', 'node-c': 'zone-a' }, pods: { 'node-a': 3 },
  spec: '  traffic: { service: web, rate: 100, requests: 3000 }\n  loadBalancer: { healthCheck: false }\n'
    + '  clients: { timeout: 1s }\n  compare:\n    spec.externalTrafficPolicy: [Cluster, Local]\n',
});

/** One pod of 5 ms work offered 300 requests a second: 1.5 times what it can serve. */
const overloaded = (requests: number) => smallCluster({
  nodes: { 'node-a': 'zone-a' }, pods: { 'node-a': 1 },
  spec: `  traffic: { service: web, arrival: deterministic, rate: 300, requests: ${requests} }\n`,
});

test('a Local variant that drops two thirds of its requests says that its latency covers the completed third only', () => {
  const [cluster, local] = runScenario(scenarioFromYaml(dropping)).variants;
  expect(local.errorFraction).toBeCloseTo(2 / 3, 1);
  expect(local.errorFraction).toBe(local.dropped / local.requests);
  expect(local.stable).toBe(true);
  expect(variantWarnings(local)).toEqual([
    `variant "Local": ${(local.errorFraction * 100).toFixed(1)}% of requests did not complete (${formatCount(local.dropped)} dropped): `
      + 'its latency figures cover completed requests only',
  ]);
  expect(cluster.errorFraction).toBe(0);
  expect(variantWarnings(cluster)).toEqual([]);
});

test('an overloaded variant, whose p50 grows with the run length, is marked unstable with a warning saying so', () => {
  const short = runScenario(scenarioFromYaml(overloaded(2000))).variants[0];
  const long = runScenario(scenarioFromYaml(overloaded(4000))).variants[0];
  // The queue grows by half a request per arrival: twice the run, about twice the median wait.
  expect(long.latency.p50).toBeGreaterThan(1.8 * short.latency.p50);
  for (const v of [short, long]) {
    expect(v.stable).toBe(false);
    expect(v.errorFraction).toBe(0);
    expect(v.busiestPod!.name).toBe('web-0');
    expect(v.busiestPod!.offeredLoad).toBeCloseTo(1.5, 2);
    expect(variantWarnings(v)).toEqual([
      'variant "baseline" is unstable: pod web-0 is offered 1.50 times what it can serve (arrivals x mean service time / workers), '
        + 'so its queue grows for as long as requests are sent: its latency figures depend on the run length',
    ]);
  }
});

test('a healthy variant is stable with error_fraction 0 in summary.csv and the JSON summary', () => {
  const results = runScenario(scenarioFromYaml(overloaded(2000).replace('rate: 300', 'rate: 100')));
  const [header, row] = resultFiles(results).get('summary.csv')!.split('\n').map((l) => l.split(','));
  expect(row[header.indexOf('error_fraction')]).toBe('0.000000');
  expect(row[header.indexOf('stable')]).toBe('true');
  expect(toJsonSummary(results)).toMatchObject({ variants: [{ variant: 'baseline', error_fraction: 0, stable: true, warnings: [] }] });
  expect(results.variants[0].busiestPod!.offeredLoad).toBeCloseTo(0.5, 2);
});

test('svcsim run prints the warnings on stderr, and --json carries them with stable false', async () => {
  const dir = temp.make();
  const file = join(dir, 'overloaded.yaml');
  writeFileSync(file, overloaded(2000));
  let out = '';
  let err = '';
  const code = await runCli(['run', file, '--json', '--no-progress', '--out', join(dir, 'out')],
    { out: (t) => { out += t; }, err: (t) => { err += t; } });
  expect(code).toBe(0);
  const warning = 'variant "baseline" is unstable: pod web-0 is offered 1.50 times what it can serve (arrivals x mean service time / '
    + 'workers), so its queue grows for as long as requests are sent: its latency figures depend on the run length';
  expect(err).toBe(`warning: ${warning}\n`);
  expect(JSON.parse(out).variants[0]).toMatchObject({ stable: false, error_fraction: 0, warnings: [warning] });
});
