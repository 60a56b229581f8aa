// Scaling of the real CLI: wall time and peak RSS against the number of requests (8 pods) and
// the number of pods (1M requests). Every case is the reference model (2 pods a node, Cluster,
// 0.2 ms hop, exponential 10 ms service) with the rate scaled to keep each pod at utilization 0.7.
// Prints one JSON line; run.mjs turns it into a table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '..', 'dist', 'svcsim.cjs');
const out = join(here, 'out', 'scaling');
mkdirSync(out, { recursive: true });

function scenario(pods) {
  const nodes = pods / 2;
  const docs = [];
  for (let i = 1; i <= nodes; i++) docs.push(`- { apiVersion: v1, kind: Node, metadata: { name: node-${i}, labels: { topology.kubernetes.io/zone: z } } }`);
  return `apiVersion: v1
kind: List
items:
${docs.join('\n')}
- apiVersion: apps/v1
  kind: Deployment
  metadata: { name: app }
  spec:
    replicas: ${pods}
    selector: { matchLabels: { app: app } }
    template: { metadata: { labels: { app: app } }, spec: { containers: [{ name: app, image: example/app }] } }
- apiVersion: v1
  kind: Service
  metadata: { name: app }
  spec: { type: LoadBalancer, selector: { app: app }, ports: [{ port: 80 }] }
---
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: scaling-${pods} }
spec:
  traffic: { service: app, rate: ${70 * pods}, requests: 1000000 }
  pods: [{ serviceTime: { exponential: { mean: 10ms } } }]
  network: { sameZone: 0.2ms }
`;
}

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

function measure(pods, requests) {
  const file = join(out, `pods-${pods}.yaml`);
  if (!existsSync(file)) writeFileSync(file, scenario(pods));
  const rss = join(out, 'rss.txt');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rss, process.execPath, cli, 'run', file, '--requests', String(requests), '--json', '--no-progress', '--out', join(out, `result-${pods}-${requests}`)], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`scaling ${pods} pods ${requests} requests failed: ${r.stderr}`);
  const v = JSON.parse(r.stdout).variants[0];
  const rssKb = Number(readFileSync(rss, 'utf8').trim().split('\n').pop());
  rmSync(rss);
  return { pods, requests, wall_s: wall, rss_kb: rssKb, mean_ms: v.latency_mean_ms, util_min: v.pod_util_min, util_max: v.pod_util_max };
}

const rows = [];
for (const requests of [1e5, 1e6, 1e7]) rows.push(measure(8, requests));
for (const pods of [80, 800]) rows.push(measure(pods, 1e6));
console.log(JSON.stringify({ bench: 'scaling', rows, maxrss_kb: Math.max(...rows.map((r) => r.rss_kb)) }));
