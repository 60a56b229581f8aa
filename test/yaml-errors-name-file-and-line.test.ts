import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { formatDiagnostic } from '../src/scenario/diagnostics.js';
import { loadYamlFiles } from '../src/scenario/yaml-source.js';
import { load } from './fixtures/k8s/load.js';

test('a YAML syntax error names the file and line, and the other documents still load', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n   targetPort: 80\n'
    + '---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-a\n';
  const { messages, objects } = load(text, 'web.yaml');
  expect(messages).toEqual(['web.yaml:8: error: YAML syntax error: Sequence item without - indicator']);
  expect(objects.nodes.map((n) => n.meta.name)).toEqual(['node-a']);
});

test('tabs used for indentation are a syntax error on their line', () => {
  expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n', 'pod.yaml').messages)
    .toEqual(['pod.yaml:4: error: YAML syntax error: Tabs are not allowed as indentation']);
});

test('a key given twice is an error, as kubectl makes it', () => {
  expect(load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  name: api\n', 'pod.yaml').messages)
    .toEqual(['pod.yaml:5: error: YAML syntax error: Map keys must be unique']);
});

test('a document that is not a mapping is an error naming the document', () => {
  expect(load('apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\n- a\n- b\n', 'in.yaml').messages)
    .toEqual(['in.yaml:6: error: document 2 is not a Kubernetes object: expected a mapping with apiVersion and kind, found a sequence']);
  expect(load('hello\n', 'in.yaml').messages)
    .toEqual(['in.yaml:1: error: document 1 is not a Kubernetes object: expected a mapping with apiVersion and kind, found "hello"']);
});

test('a document without apiVersion or kind is an error naming the document', () => {
  expect(load('metadata:\n  name: web\nspec: {}\n', 'in.yaml').messages)
    .toEqual(['in.yaml:1: error: document 1 is not a Kubernetes object: apiVersion not set, kind not set']);
});

test('an item of a List without kind is an error naming the item', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n- apiVersion: v1\n  metadata:\n    name: b\n';
  const { messages, objects } = load(text, 'dump.yaml');
  expect(messages).toEqual(['dump.yaml:8: error: items[1] of document 1 is not a Kubernetes object: kind not set']);
  expect(objects.nodes.map((n) => n.meta.name)).toEqual(['a']);
});

test('empty and comment-only documents are skipped', () => {
  const { messages, raw } = load('---\n# only a comment\n---\n\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\n', 'in.yaml');
  expect(messages).toEqual([]);
  expect(raw.map((r) => [r.name, r.origin.document])).toEqual([['a', 2]]);
});

test('a file that cannot be read is an error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'svcsim-'));
  try {
    writeFileSync(join(dir, 'node.yaml'), 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n');
    const missing = join(dir, 'missing.yaml');
    const result = loadYamlFiles([missing, join(dir, 'node.yaml')]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      `${missing}: error: cannot read file: ENOENT: no such file or directory, open '${missing}'`,
    ]);
    expect(result.objects.map((o) => o.name)).toEqual(['a']);
    expect(result.files.map((f) => f.path)).toEqual([join(dir, 'node.yaml')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the line of a field that is not there is the line of its nearest ancestor', () => {
  const [pod] = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n', 'pod.yaml').raw;
  expect(pod.origin.lineOf(['spec', 'containers', 0, 'name'])).toBe(7);
  expect(pod.origin.lineOf(['spec', 'containers', 0, 'ports', 0])).toBe(7);
  expect(pod.origin.lineOf(['spec', 'nodeName'])).toBe(5);
  expect(pod.origin.lineOf([])).toBe(1);
});

test('kinds svcsim does not model are warned about once per kind and file; Scenario documents are left alone', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\n'
    + 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: c\n---\n'
    + 'apiVersion: svcsim.io/v1alpha1\nkind: Scenario\nmetadata:\n  name: s\n';
  expect(load(text, 'in.yaml').messages).toEqual([
    'in.yaml:2: warning: kind ConfigMap is not modelled; ignored',
    'in.yaml:12: warning: kind Service (serving.knative.dev/v1) is not modelled; ignored',
  ]);
});

test('a modelled kind in a version the API server no longer serves is an error', () => {
  expect(load('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n', 'old.yaml').messages)
    .toEqual(['old.yaml:1: error: no matches for kind "Deployment" in version "extensions/v1beta1"']);
});

test('the same object defined twice is an error on the second', () => {
  const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n';
  const { messages, objects } = load(`${node}---\n${node}`, 'in.yaml');
  expect(messages).toEqual(['in.yaml:9: error: nodes "a" already exists (also defined at in.yaml:4)']);
  expect(objects.nodes).toHaveLength(1);
});
