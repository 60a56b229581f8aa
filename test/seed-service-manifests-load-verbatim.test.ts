import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { normalizeObjects } from '../src/scenario/kubernetes-objects.js';
import { loadYamlFiles } from '../src/scenario/yaml-source.js';

// The four Services of the seed document, copied byte for byte from its code blocks.
const path = fileURLToPath(new URL('./fixtures/k8s/seed-services.yaml', import.meta.url));

test('the fixture is the seed text as written, comments and trailing spaces included', () => {
  const text = readFileSync(path, 'utf8');
  expect(text.match(/^ {6}# nodePort: 31000$/gm)).toHaveLength(2);
  expect(text.match(/^metadata: $/gm)).toHaveLength(4);
});

test('the seed Services load with no diagnostics at all', () => {
  const source = loadYamlFiles([path]);
  const { objects, diagnostics } = normalizeObjects(source.objects);
  expect([...source.diagnostics, ...diagnostics]).toEqual([]);
  expect(objects.services.map((s) => s.meta.name)).toEqual([
    'hostname-svc-clusterip', 'hostname-svc-nodeport', 'hostname-svc-lb-local', 'externalname-svc',
  ]);
});

test('the seed Services get the API server defaults', () => {
  const { objects } = normalizeObjects(loadYamlFiles([path]).objects);
  const summary = objects.services.map((s) => ({
    name: s.meta.name, namespace: s.meta.namespace, type: s.type, ports: s.ports, selector: s.selector,
    externalTrafficPolicy: s.externalTrafficPolicy, internalTrafficPolicy: s.internalTrafficPolicy,
    sessionAffinity: s.sessionAffinity, externalName: s.externalName, headless: s.headless,
  }));
  const web = { name: 'web-port', protocol: 'TCP' };
  expect(summary).toEqual([
    { name: 'hostname-svc-clusterip', namespace: 'default', type: 'ClusterIP', ports: [{ ...web, port: 8080, targetPort: 80 }],
      selector: { app: 'webserver' }, externalTrafficPolicy: undefined, internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', externalName: undefined, headless: false },
    // nodePort is commented out in the seed: the cluster allocates one, so none is known yet.
    { name: 'hostname-svc-nodeport', namespace: 'default', type: 'NodePort', ports: [{ ...web, port: 8080, targetPort: 80 }],
      selector: { app: 'webserver' }, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', externalName: undefined, headless: false },
    { name: 'hostname-svc-lb-local', namespace: 'default', type: 'LoadBalancer', ports: [{ ...web, port: 80, targetPort: 80 }],
      selector: { app: 'webserver' }, externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', externalName: undefined, headless: false },
    { name: 'externalname-svc', namespace: 'default', type: 'ExternalName', ports: [],
      selector: undefined, externalTrafficPolicy: undefined, internalTrafficPolicy: undefined, sessionAffinity: 'None', externalName: 'my.database.com', headless: false },
  ]);
});

test('each seed Service knows the line of each of its fields', () => {
  const [, nodeport, lbLocal] = loadYamlFiles([path]).objects;
  expect(nodeport.origin.lineOf(['spec', 'type'])).toBe(27);
  expect(lbLocal.origin.lineOf(['spec', 'externalTrafficPolicy'])).toBe(34);
  // The commented nodePort is not there: the line is the port's.
  expect(lbLocal.origin.lineOf(['spec', 'ports', 0, 'nodePort'])).toBe(36);
});
