// YAML documents for placement tests: nodes with labels, taints and allocatable; pods and workloads
// with a pod spec given as YAML lines. Used with test/fixtures/k8s/load.ts or scenarioFromYaml.
import { placePods, type Report } from '../../src/scenario/placement.js';
import { load } from '../fixtures/k8s/load.js';

export interface NodeSpec {
  labels?: Record<string, string>;
  /** "key=value:Effect" or "key:Effect", as kubectl taint writes them. */
  taints?: string[];
  unschedulable?: boolean;
  /** status.allocatable, e.g. { cpu: '2', memory: '4Gi', pods: '110' }. */
  allocatable?: Record<string, string>;
  ready?: boolean;
}

export function node(name: string, spec: NodeSpec = {}): string {
  const taints = (spec.taints ?? []).map((t) => {
    const [kv, effect] = t.split(':');
    const [key, value] = kv.split('=');
    return `  - { key: ${key}, ${value !== undefined ? `value: "${value}", ` : ''}effect: ${effect} }`;
  });
  const labels = Object.entries(spec.labels ?? {}).map(([k, v]) => `    ${k}: "${v}"`);
  const status = [
    ...(spec.allocatable ? ['  allocatable:', ...Object.entries(spec.allocatable).map(([k, v]) => `    ${k}: "${v}"`)] : []),
    ...(spec.ready === false ? ['  conditions: [{ type: Ready, status: "False" }]'] : []),
  ];
  const nodeSpec = [...(spec.unschedulable ? ['  unschedulable: true'] : []), ...(taints.length ? ['  taints:', ...taints] : [])];
  return `apiVersion: v1
kind: Node
metadata:
  name: ${name}
${labels.length ? `  labels:\n${labels.join('\n')}\n` : ''}spec:${nodeSpec.length ? `\n${nodeSpec.join('\n')}` : ' {}'}
${status.length ? `status:\n${status.join('\n')}\n` : ''}---
`;
}

/** A Pod; `spec` holds extra lines of its spec (tolerations, affinity, containers...), unindented. */
export function pod(name: string, labels: Record<string, string>, spec = '', nodeName?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
spec:
${nodeName ? `  nodeName: ${nodeName}\n` : ''}${spec.includes('containers:') ? '' : '  containers: [{ name: app, image: example/app }]\n'}${indent(spec, 2)}---
`;
}

/** A workload of `kind` whose template has `labels` and the extra pod spec lines `spec` (unindented). */
export function workload(kind: string, name: string, replicas: number | undefined, labels: Record<string, string>, spec = ''): string {
  const apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1';
  const selector = kind === 'ReplicationController' ? JSON.stringify(labels) : `{ matchLabels: ${JSON.stringify(labels)} }`;
  return `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: ${name}
spec:
${replicas !== undefined ? `  replicas: ${replicas}\n` : ''}  selector: ${selector}
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:
${spec.includes('containers:') ? '' : '      containers: [{ name: app, image: example/app }]\n'}${indent(spec, 6)}---
`;
}

function indent(text: string, by: number): string {
  return text ? `${text.split('\n').filter((l) => l !== '').map((l) => `${' '.repeat(by)}${l}`).join('\n')}\n` : '';
}

/** Places the pods of `yaml` (no diagnostics allowed); returns node -> pod names, the pending pods and the warnings. */
export function place(yaml: string, pins?: Record<string, Record<string, number>>) {
  const { objects, messages } = load(yaml);
  if (messages.length > 0) throw new Error(messages.join('\n'));
  const warnings: string[] = [];
  const report: Report = (severity, path, message, origin) => {
    warnings.push(`${severity}: ${origin?.object ? `${origin.object}: ` : ''}${path.length ? `${path.join('.')}: ` : ''}${message}`);
  };
  const placement = placePods(objects, pins, report);
  const byNode: Record<string, string[]> = {};
  for (const p of placement.pods) (byNode[p.node] ??= []).push(p.name);
  return { byNode, pending: placement.pending, warnings, pods: placement.pods };
}

/** node -> number of pods. */
export function counts(byNode: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(byNode).map(([n, pods]) => [n, pods.length]));
}
