import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cli } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

/** The CLI reads real files: writes the text to a fresh temporary directory (removed after the test). */
function yamlFile(text: string): string {
  const path = join(temp.make(), 'scenario.yaml');
  writeFileSync(path, text);
  return path;
}

describe('svcsim on the command line', () => {
  test('run writes the CSV files and prints the variants side by side', async () => {
    const out = join(temp.make(), 'seed');
    const r = await cli('run', 'scenarios/seed-two-nodes.yaml', '--requests', '5000', '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Cluster');
    expect(r.out).toContain('Local');
    expect(readdirSync(out).sort()).toEqual(['hops.csv', 'latency.csv', 'nodes.csv', 'pods.csv', 'run.json', 'summary.csv', 'timeseries.csv']);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[0]).toMatch(/^variant,externalTrafficPolicy,lb_model,kube_proxy_mode,requests,completed,dropped,rejected,/);
  });

  test('run --json prints the summary for scripts', async () => {
    const r = await cli('run', 'scenarios/seed-two-nodes.yaml', '--requests', '2000', '--variant', 'Local', '--json', '--out', temp.make());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.variants.map((v: { variant: string }) => v.variant)).toEqual(['Local']);
  });

  test('bad input exits non-zero, names file and field, and writes nothing', async () => {
    const file = yamlFile(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 70000 }]
---
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: bad }
spec:
  traffic: { service: web, rate: 10, requests: 10 }
  pods: [{ serviceTime: 1ms }]
`);
    const out = join(temp.make(), 'never');
    const r = await cli('run', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:7: error: The Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive`);
    expect(existsSync(out)).toBe(false);
  });

  test('validate accepts a file holding a single Service', async () => {
    const file = yamlFile(`apiVersion: v1
kind: Service
metadata:
  name: hostname-svc-clusterip
spec:
  ports:
    - name: web-port
      port: 8080
      targetPort: 80
  selector:
    app: webserver
  type: ClusterIP
`);
    const r = await cli('validate', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid');
  });

  test('an unknown option is a usage error', async () => {
    const r = await cli('run', 'scenarios/seed-two-nodes.yaml', '--sead', '3');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown argument');
  });
});
