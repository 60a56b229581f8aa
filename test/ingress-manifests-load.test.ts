import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { IngressRouter } from '../src/scenario/ingress-rules.js';
import { normalizeObjects } from '../src/scenario/kubernetes-objects.js';
import { loadYamlFiles } from '../src/scenario/yaml-source.js';

const path = fileURLToPath(new URL('./fixtures/k8s/shop-ingress.yaml', import.meta.url));
const source = loadYamlFiles([path]);
const { objects, diagnostics } = normalizeObjects(source.objects);

test('an nginx Ingress with a class, TLS, two hosts and a default backend loads with no diagnostics', () => {
  expect([...source.diagnostics, ...diagnostics]).toEqual([]);
  expect(objects.services.map((s) => s.meta.name)).toEqual(['storefront', 'cart-api', 'not-found']);
  expect(objects.ingresses.map((i) => `${i.meta.namespace}/${i.meta.name}`)).toEqual(['shop/shop']);
});

test('the Ingress keeps its class, TLS hosts, default backend and rules as written', () => {
  const { kind, ingressClassName, tls, defaultBackend, rules } = objects.ingresses[0];
  const storefront = { service: { name: 'storefront', port: { name: 'http' } } };
  const cartApi = { service: { name: 'cart-api', port: { number: 8080 } } };
  expect({ kind, ingressClassName, tls, defaultBackend, rules }).toEqual({
    kind: 'Ingress',
    ingressClassName: 'nginx',
    tls: [{ hosts: ['shop.example.com', 'api.shop.example.com'], secretName: 'shop-example-com-tls' }],
    defaultBackend: { service: { name: 'not-found', port: { number: 80 } } },
    rules: [
      {
        host: 'shop.example.com',
        paths: [
          { path: '/', pathType: 'Prefix', backend: storefront },
          { path: '/api', pathType: 'Prefix', backend: cartApi },
          { path: '/healthz', pathType: 'Exact', backend: storefront },
        ],
      },
      { host: 'api.shop.example.com', paths: [{ path: '/v1', pathType: 'ImplementationSpecific', backend: cartApi }] },
    ],
  });
});

test('annotations for the controller are kept as metadata, untouched', () => {
  expect(objects.ingresses[0].meta.annotations).toEqual({
    'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
    'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
    'nginx.ingress.kubernetes.io/limit-rps': '50',
  });
});

test('the loaded Ingress routes each host and path to its Service, and the rest to the default backend', () => {
  const router = new IngressRouter(objects.ingresses);
  const to = (host: string, p: string) => {
    const r = router.route(host, p);
    return r && `${r.namespace}/${r.service}:${r.port}`;
  };
  expect([
    to('shop.example.com', '/'),
    to('shop.example.com', '/api/cart/42'),
    to('shop.example.com', '/apix'),
    to('shop.example.com', '/healthz'),
    to('api.shop.example.com', '/v1/carts'),
    to('api.shop.example.com', '/v2/carts'),
    to('www.example.com', '/'),
  ]).toEqual([
    'shop/storefront:http',
    'shop/cart-api:8080',
    'shop/storefront:http',
    'shop/storefront:http',
    'shop/cart-api:8080',
    'shop/not-found:80',
    'shop/not-found:80',
  ]);
});
