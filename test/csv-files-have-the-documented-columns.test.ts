import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { formatNumber, writeResults } from '../src/output/csv-files.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

async function written(): Promise<(name: string) => Promise<string[]>> {
  dir = await mkdtemp(join(tmpdir(), 'svcsim-csv-'));
  const results = clusterVsLocal();
  results.overrideColumns.push('sessionAffinity');
  results.variants[1].overrides.sessionAffinity = 'ClientIP';
  results.variants[1].latency.meanCi95 = NaN;
  results.variants[1].pods[1].waitMean = -1e-12;
  await writeResults(join(dir, 'out'), results);
  return async (name) => (await readFile(join(dir, 'out', name), 'utf8')).split('\n');
}

test('summary.csv has one row per variant with the override and model columns right after variant', async () => {
  const lines = await (await written())('summary.csv');
  expect(lines).toEqual([
    'variant,externalTrafficPolicy,sessionAffinity,lb_model,kube_proxy_mode,requests,completed,dropped,rejected,failed,timed_out,retries,in_flight_at_end,'
      + 'error_fraction,stable,latency_mean_ms,latency_mean_ci95_ms,'
      + 'latency_p50_ms,latency_p90_ms,latency_p99_ms,latency_p999_ms,latency_max_ms,hops_mean,extra_hop_fraction,'
      + 'snat_fraction,pod_util_min,pod_util_max,pod_share_min,pod_share_max,cross_zone_fraction,cross_zone_gb,'
      + 'cross_zone_cost_usd,throughput_rps,sim_time_s',
    'Cluster,Cluster,,even,iptables,120000,119990,0,10,0,0,0,0,0.000083,true,5.2431,0.0412,4.8710,8.1230,14.5120,21.9070,34.1000,1.500000,0.500000,'
      + '0.500000,0.397600,0.402100,0.332233,0.334233,0.250000,0.330000,0.006600,999.917,120.000000',
    'Local,Local,ClientIP,even,iptables,120000,119870,0,130,0,0,0,0,0.001083,true,6.8812,,5.0120,11.8740,18.2310,29.5440,51.2000,1.000000,0.000000,'
      + '0.000000,0.298700,0.600400,0.249102,0.500208,0.000000,0.000000,0.000000,998.917,120.000000',
    '',
  ]);
});

test('pods.csv has one row per pod per variant', async () => {
  const lines = await (await written())('pods.csv');
  expect(lines[0]).toBe('variant,pod,node,zone,requests,share,utilization,wait_mean_ms,latency_mean_ms,latency_p99_ms');
  expect(lines[1]).toBe('Cluster,web-0,node-a,zone-a,40003,0.333386,0.402100,1.1000,5.2000,14.4000');
  expect(lines[5]).toBe('Local,web-1,node-b,zone-b,29860,0.249102,0.298700,0.0000,5.6000,12.1000');
  expect(lines).toHaveLength(1 + 6 + 1);
});

test('nodes.csv has one row per node per variant', async () => {
  const lines = await (await written())('nodes.csv');
  expect(lines).toEqual([
    'variant,node,zone,received,forwarded_out,forwarded_in,served,dropped',
    'Cluster,node-a,zone-a,60000,40030,20003,40003,0',
    'Cluster,node-b,zone-b,60000,19973,40030,79997,0',
    'Local,node-a,zone-a,60000,0,0,59960,0',
    'Local,node-b,zone-b,60000,0,0,59910,0',
    '',
  ]);
});

test('hops.csv has one row per hop count per variant', async () => {
  const lines = await (await written())('hops.csv');
  expect(lines).toEqual([
    'variant,hops,requests,fraction',
    'Cluster,1,59995,0.500000',
    'Cluster,2,59995,0.500000',
    'Local,1,119870,1.000000',
    '',
  ]);
});

test('latency.csv has the buckets in milliseconds with their cumulative fraction', async () => {
  const lines = await (await written())('latency.csv');
  expect(lines[0]).toBe('variant,le_ms,count,cumulative_fraction');
  expect(lines[1]).toBe('Cluster,0.998000,1200,0.010001');
  expect(lines[6]).toBe('Cluster,34.100000,1200,1.000000');
  expect(lines[7]).toBe('Local,0.998000,900,0.007508');
  expect(lines).toHaveLength(1 + 12 + 1);
});

test('run.json records the version, inputs, command line, wall time and variants with their lb model and event counts', async () => {
  const lines = await (await written())('run.json');
  expect(JSON.parse(lines.join('\n'))).toEqual({
    svcsimVersion: '0.1.0',
    scenario: 'seed-two-nodes',
    seed: 42,
    files: [{ path: 'scenarios/seed-two-nodes.yaml', sha256: 'a'.repeat(64) }],
    commandLine: ['svcsim', 'run', 'scenarios/seed-two-nodes.yaml', '--seed', '42'],
    wallTimeSeconds: 1.25,
    variants: [
      { name: 'Cluster', overrides: { externalTrafficPolicy: 'Cluster' }, lbModel: 'even', events: 1_440_211 },
      { name: 'Local', overrides: { externalTrafficPolicy: 'Local', sessionAffinity: 'ClientIP' }, lbModel: 'even', events: 1_201_733 },
    ],
  });
  expect(lines.at(-1)).toBe('');
});

test('writeResults returns the paths it wrote', async () => {
  dir = await mkdtemp(join(tmpdir(), 'svcsim-csv-'));
  const paths = await writeResults(dir, clusterVsLocal());
  expect(paths).toEqual(['summary.csv', 'pods.csv', 'nodes.csv', 'hops.csv', 'latency.csv', 'run.json'].map((f) => join(dir, f)));
});

test('numbers get their column\'s decimals, and values that round to zero lose their minus sign', () => {
  expect(formatNumber('ms', -0.00000001)).toBe('0.0000');
  expect(formatNumber('ms', -0.0000001)).toBe('-0.0001');
  expect(formatNumber('fraction', -1e-9)).toBe('0.000000');
  expect(formatNumber('rate', -0)).toBe('0.000');
  expect(formatNumber('rate', -0.0004)).toBe('0.000');
  expect(formatNumber('rate', -0.0005)).toBe('-0.001');
  expect(formatNumber('count', 3)).toBe('3');
  expect(formatNumber('seconds', NaN)).toBe('');
});
