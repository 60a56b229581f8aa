import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { expect, test } from 'vitest';

// The published file, as an editor reads it through the `# yaml-language-server: $schema=` line
// (json-schema-file-is-current.test.ts checks that it is the generated one).
const schema = JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'));
// Strict: unknown keywords and formats, and ambiguous types, are errors rather than ignored.
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function documents(text: string): unknown[] {
  return parseAllDocuments(text, { merge: true }).map((d) => d.toJS()).filter((d) => d !== null);
}

const bundled = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

test.each(bundled)('every document of scenarios/%s passes the published schema', (file) => {
  const docs = documents(readFileSync(join('scenarios', file), 'utf8'));
  expect(docs.filter((d) => (d as { kind?: string }).kind === 'Scenario')).toHaveLength(1);
  for (const doc of docs) {
    expect(validate(doc) ? [] : validate.errors, (doc as { kind: string }).kind).toEqual([]);
  }
});

test('a Scenario document with mistakes is rejected where they are', () => {
  const [doc] = documents(`apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: broken }
spec:
  traffic: { service: web, rate: -5, requests: 1000 }
  netwrok: { sameZone: 1ms }
  ingress: { requests: [{ host: shop.example.com, path: cart }] }
`);
  expect(validate(doc)).toBe(false);
  // The `if` that picked the Scenario rules fails with them: one error per mistake, then its own.
  expect(validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([
    '/spec must NOT have additional properties',
    '/spec/traffic/rate must be > 0',
    '/spec/ingress/requests/0/path must match pattern "^\\/"',
    ' must match "then" schema',
  ]);
});

test('Kubernetes objects, a kubectl List among them, are accepted as they are', () => {
  const docs = documents(`apiVersion: v1
kind: Node
metadata: { name: node-a, labels: { topology.kubernetes.io/zone: zone-a } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
`).concat(documents(readFileSync('test/fixtures/k8s/kubectl-get-dump.yaml', 'utf8')));
  for (const doc of docs) expect(validate(doc) ? [] : validate.errors).toEqual([]);
});

test('a document that is not a Kubernetes object, or a Scenario of another API version, is not accepted', () => {
  expect(validate({ metadata: { name: 'no-kind' } })).toBe(false);
  expect(validate({ apiVersion: 'svcsim.io/v1beta1', kind: 'Scenario', metadata: { name: 'x' }, spec: {} })).toBe(false);
  expect(validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`)).toContain('/apiVersion const');
});
