import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatLoadBalancerChoice } from '../src/output/console-report.js';
import { writeResults } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { scenarioFromYaml, type Scenario } from '../src/scenario/load-scenario.js';
import { annotateService } from './support/lb-yaml.js';
import { smallCluster } from './support/small-cluster.js';
import { TempDirs } from './support/temp-dirs.js';

const AWS = 'service.beta.kubernetes.io/aws-load-balancer-';

function load(annotations: Record<string, string>, loadBalancer = ''): Scenario {
  const text = smallCluster({
    nodes: { 'node-a': 'zone-1', 'node-b': 'zone-2' },
    pods: { 'node-a': 1, 'node-b': 1 },
    spec: `  traffic: { service: web, rate: 50, requests: 200 }\n${loadBalancer}`,
  });
  return scenarioFromYaml(annotateService(text, annotations));
}

const lb = (s: Scenario) => s.variants[0].topology.loadBalancer;
const warnings = (s: Scenario) => s.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);

describe('without spec.loadBalancer.model, the Service\'s annotations name the model', () => {
  test.each([
    [{ [`${AWS}type`]: 'nlb' }, 'nlb', `from annotation ${AWS}type: nlb (instance targets); cross-zone off (the NLB default)`],
    [{ [`${AWS}type`]: 'external' }, 'nlb', `from annotation ${AWS}type: external (instance targets, the default); cross-zone off (the NLB default)`],
    [{ [`${AWS}type`]: 'external', [`${AWS}nlb-target-type`]: 'ip' }, 'ip-targets',
      `from annotations ${AWS}type: external and ${AWS}nlb-target-type: ip; cross-zone off (the NLB default)`],
    [{ [`${AWS}type`]: 'nlb-ip' }, 'ip-targets', `from annotation ${AWS}type: nlb-ip (IP targets); cross-zone off (the NLB default)`],
    [{ 'networking.gke.io/weighted-load-balancing': 'pods-per-node' }, 'weighted', 'from annotation networking.gke.io/weighted-load-balancing: pods-per-node'],
    [{}, 'even', 'default: no annotation names a load balancer svcsim models'],
  ])('%j -> %s', (annotations, model, reason) => {
    const s = load(annotations);
    expect(lb(s).model).toBe(model);
    expect(lb(s).reason).toBe(reason);
    expect(warnings(s)).toEqual([]);
  });
});

test('cross-zone balancing comes from the annotation or the attributes, unless the Scenario sets it', () => {
  const on = load({ [`${AWS}type`]: 'nlb', [`${AWS}cross-zone-load-balancing-enabled`]: 'true' });
  expect(lb(on).crossZone).toBe(true);
  expect(lb(on).reason).toContain(`cross-zone on (from annotation ${AWS}cross-zone-load-balancing-enabled: true)`);
  const attributes = load({ [`${AWS}type`]: 'external', [`${AWS}attributes`]: 'deletion_protection.enabled=true,load_balancing.cross_zone.enabled=true' });
  expect(lb(attributes).crossZone).toBe(true);
  const scenario = load({ [`${AWS}type`]: 'nlb', [`${AWS}cross-zone-load-balancing-enabled`]: 'true' }, '  loadBalancer: { crossZone: false }\n');
  expect(lb(scenario).crossZone).toBe(false);
  expect(lb(scenario).reason).toContain('cross-zone off (set in the Scenario)');
});

test('the Scenario\'s model wins, and the reason says what the annotations would have chosen', () => {
  const s = load({ [`${AWS}type`]: 'nlb' }, '  loadBalancer: { model: metallb-bgp }\n');
  expect(lb(s).model).toBe('metallb-bgp');
  expect(lb(s).reason).toBe('set in the Scenario (the Service\'s annotations say nlb)');
});

test('annotations svcsim cannot honour get a warning naming them, at the Service\'s line', () => {
  const s = load({
    [`${AWS}type`]: 'nlb', [`${AWS}healthcheck-interval`]: '10', [`${AWS}ssl-cert`]: 'arn:aws:acm:cert', 'metallb.universe.tf/unknown': 'x',
  });
  expect(warnings(s)).toEqual([
    `scenario.yaml:39: warning: Service "web": metadata.annotations: ${AWS}healthcheck-interval: not modelled: svcsim ignores it`,
    'scenario.yaml:41: warning: Service "web": metadata.annotations: metallb.universe.tf/unknown: not modelled: svcsim ignores it',
  ]);
});

test('MetalLB\'s annotations do not say the mode: a warning asks for the model', () => {
  const s = load({ 'metallb.universe.tf/address-pool': 'production' });
  expect(lb(s).model).toBe('even');
  expect(warnings(s)).toEqual([expect.stringContaining('metallb.universe.tf/address-pool: MetalLB announces this Service, in layer 2 or BGP mode')]);
});

const dirs = new TempDirs();
afterEach(() => dirs.removeAll());

test('the console and run.json say which model each variant used and why', async () => {
  const results = runScenario(load({ [`${AWS}type`]: 'nlb' }));
  expect(formatLoadBalancerChoice(results)).toBe(
    `lb model: nlb (from annotation ${AWS}type: nlb (instance targets); cross-zone off (the NLB default))\n`);
  const dir = dirs.make();
  await writeResults(dir, results);
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  expect(run.variants[0]).toMatchObject({ lbModel: 'nlb', lbModelReason: lb(load({ [`${AWS}type`]: 'nlb' })).reason });
});
