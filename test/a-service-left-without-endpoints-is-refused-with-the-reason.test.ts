import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runCli, type CliIo } from '../src/cli/cli.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { serviceYaml } from './support/scenario-files.js';
import { node, pod, workload } from './support/scheduling-objects.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const scenario = `apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: empty }
spec:
  traffic: { service: web, rate: 100, requests: 1000 }
  pods: [{ serviceTime: 5ms }]
`;
const errors = (yaml: string) => checkScenario({ sources: [{ file: 'in.yaml', text: yaml }], diagnostics: [] }).diagnostics
  .filter((d) => d.severity === 'error').map((d) => d.message);

test('no pod with the selector\'s labels', () => {
  expect(errors(`${node('n1')}${workload('Deployment', 'api', 2, { app: 'api' })}${serviceYaml('web', 'LoadBalancer')}${scenario}`)).toEqual([
    'Service "web" has no endpoints: no pod in namespace "default" has the labels of its selector (app=web)',
  ]);
});

test('every pod Pending, with kube-scheduler\'s reason', () => {
  const tainted = node('cp', { taints: ['node-role.kubernetes.io/control-plane:NoSchedule'] });
  expect(errors(`${tainted}${workload('Deployment', 'web', 2, { app: 'web' })}${serviceYaml('web', 'LoadBalancer')}${scenario}`)).toEqual([
    'Service "web" has no endpoints: its pods web-0, web-1 stay Pending (0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.)',
  ]);
});

test('no pod ready', () => {
  const notReady = pod('web-1', { app: 'web' }, 'nodeName: n1').replace('---\n', 'status: { phase: Running, conditions: [{ type: Ready, status: "False" }] }\n---\n');
  expect(errors(`${node('n1')}${notReady}${serviceYaml('web', 'LoadBalancer')}${scenario}`)).toEqual([
    'Service "web" has no endpoints: none of its pods is ready (web-1)',
  ]);
});

test('validate and run both exit 1 and say why', async () => {
  const file = join(temp.make(), 'scenario.yaml');
  writeFileSync(file, `${node('n1')}${serviceYaml('web', 'LoadBalancer')}${scenario}`);
  for (const command of [['validate', file], ['run', file, '--no-progress', '--out', temp.make()]]) {
    let err = '';
    const io: CliIo = { out: () => {}, err: (t) => { err += t; } };
    expect(await runCli(command, io)).toBe(1);
    expect(err).toBe(`${file}:24: error: The Scenario "empty" is invalid: spec.traffic.service: Service "web" has no endpoints: no pod in namespace "default" has the labels of its selector (app=web)\n`);
  }
});
