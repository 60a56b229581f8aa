import { expect, test } from 'vitest';
import { IngressRouter, NO_ROUTE } from '../src/scenario/ingress-rules.js';
import { ingress } from './fixtures/ingress-objects.js';

const service = (router: IngressRouter, host: string, path = '/') => router.route(host, path)?.service;

// The "Hostname wildcards" table of the Kubernetes Ingress docs.
test('*.foo.com matches bar.foo.com, a shared suffix', () => {
  const router = new IngressRouter([ingress({ rules: [{ host: '*.foo.com', paths: [['Prefix', '/', 'wild']] }] })]);
  expect(service(router, 'bar.foo.com')).toBe('wild');
});

test('*.foo.com does not match baz.bar.foo.com: the wildcard covers a single DNS label', () => {
  const router = new IngressRouter([ingress({ rules: [{ host: '*.foo.com', paths: [['Prefix', '/', 'wild']] }] })]);
  expect(service(router, 'baz.bar.foo.com')).toBeUndefined();
});

test('*.foo.com does not match foo.com: the wildcard covers a single DNS label', () => {
  const router = new IngressRouter([ingress({ rules: [{ host: '*.foo.com', paths: [['Prefix', '/', 'wild']] }] })]);
  expect([service(router, 'foo.com'), service(router, '.foo.com')]).toEqual([undefined, undefined]);
});

// The docs' name-based virtual hosting example, with paths as v1 requires them.
test('first.bar.com, second.foo.com and requests without a host go to service1, service2 and service3', () => {
  const router = new IngressRouter([ingress({
    name: 'name-virtual-host-ingress',
    rules: [
      { host: 'first.bar.com', paths: [['Prefix', '/', 'service1']] },
      { host: 'second.foo.com', paths: [['Prefix', '/', 'service2']] },
      { paths: [['Prefix', '/', 'service3']] },
    ],
  })]);
  expect([service(router, 'first.bar.com'), service(router, 'second.foo.com'), service(router, ''), service(router, 'other.com')])
    .toEqual(['service1', 'service2', 'service3', 'service3']);
});

test('an exact host beats a wildcard, which beats a rule without host', () => {
  const router = new IngressRouter([ingress({
    rules: [
      { paths: [['Prefix', '/', 'any']] },
      { host: '*.foo.com', paths: [['Prefix', '/', 'wild']] },
      { host: 'bar.foo.com', paths: [['Prefix', '/', 'exact']] },
    ],
  })]);
  expect([service(router, 'bar.foo.com'), service(router, 'baz.foo.com'), service(router, 'foo.com')]).toEqual(['exact', 'wild', 'any']);
});

test('once a host is picked only its paths count: no match there is the default backend, not a less specific host', () => {
  const router = new IngressRouter([ingress({
    defaultBackend: 'default',
    rules: [
      { host: 'bar.foo.com', paths: [['Prefix', '/api', 'api']] },
      { paths: [['Prefix', '/', 'any']] },
    ],
  })]);
  expect([service(router, 'bar.foo.com', '/api/x'), service(router, 'bar.foo.com', '/about')]).toEqual(['api', 'default']);
});

test('the default backend is the first one given; each route names the Ingress namespace', () => {
  const router = new IngressRouter([
    ingress({ name: 'shop', namespace: 'shop', rules: [{ host: 'shop.example.com', paths: [['Prefix', '/', 'frontend']] }] }),
    ingress({ name: 'fallback', namespace: 'edge', defaultBackend: 'not-found' }),
    ingress({ name: 'late', namespace: 'other', defaultBackend: 'ignored' }),
  ]);
  expect(router.route('shop.example.com', '/')).toEqual({ namespace: 'shop', service: 'frontend', port: 80 });
  expect(router.route('unknown.example.com', '/')).toEqual({ namespace: 'edge', service: 'not-found', port: 80 });
});

test('a port given by name is routed as its name', () => {
  const web = ingress({ rules: [{ paths: [['Prefix', '/', 'web']] }] });
  web.rules[0].paths[0].backend.service.port = { name: 'http' };
  expect(new IngressRouter([web]).route('', '/')).toEqual({ namespace: 'default', service: 'web', port: 'http' });
});

test('routes come from one backend table: the same object every time, one entry per distinct backend', () => {
  const router = new IngressRouter([ingress({
    rules: [
      { host: 'a.example.com', paths: [['Prefix', '/', 'web'], ['Exact', '/health', 'web']] },
      { host: 'b.example.com', paths: [['Prefix', '/', 'api']] },
    ],
  })]);
  expect(router.backends.map((b) => b.service)).toEqual(['web', 'api']);
  expect(router.route('a.example.com', '/health')).toBe(router.route('a.example.com', '/x'));
  expect([router.routeIndex('b.example.com', '/'), router.routeIndex('c.example.com', '/')]).toEqual([1, NO_ROUTE]);
});
