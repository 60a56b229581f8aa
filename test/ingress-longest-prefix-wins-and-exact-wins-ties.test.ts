import { expect, test } from 'vitest';
import { IngressRouter } from '../src/scenario/ingress-rules.js';
import { ingress, type PathSpec } from './fixtures/ingress-objects.js';

/** Each path routes to a Service named after it ("Prefix /aaa"); unmatched requests get "default". */
function routeWith(paths: Array<[PathSpec[0], string]>, request: string): string | undefined {
  const router = new IngressRouter([ingress({ defaultBackend: 'default', rules: [{ paths: paths.map(([type, p]) => [type, p, `${type} ${p}`]) }] })]);
  return router.route('', request)?.service;
}

// The "Examples" table of the Kubernetes Ingress docs (Path types), row by row.
const DOCS_EXAMPLES: Array<{ paths: Array<[PathSpec[0], string]>; requests: string[]; routedTo: string }> = [
  { paths: [['Prefix', '/']], requests: ['/', '/foo', '/aaa/bbb/'], routedTo: 'Prefix /' },
  { paths: [['Exact', '/foo']], requests: ['/foo'], routedTo: 'Exact /foo' },
  { paths: [['Exact', '/foo']], requests: ['/bar'], routedTo: 'default' },
  { paths: [['Exact', '/foo']], requests: ['/foo/'], routedTo: 'default' },
  { paths: [['Exact', '/foo/']], requests: ['/foo'], routedTo: 'default' },
  { paths: [['Prefix', '/foo']], requests: ['/foo', '/foo/'], routedTo: 'Prefix /foo' },
  { paths: [['Prefix', '/foo/']], requests: ['/foo', '/foo/'], routedTo: 'Prefix /foo/' },
  { paths: [['Prefix', '/aaa/bb']], requests: ['/aaa/bbb'], routedTo: 'default' },
  { paths: [['Prefix', '/aaa/bbb']], requests: ['/aaa/bbb'], routedTo: 'Prefix /aaa/bbb' },
  // Yes, ignores trailing slash.
  { paths: [['Prefix', '/aaa/bbb/']], requests: ['/aaa/bbb'], routedTo: 'Prefix /aaa/bbb/' },
  // Yes, matches trailing slash.
  { paths: [['Prefix', '/aaa/bbb']], requests: ['/aaa/bbb/'], routedTo: 'Prefix /aaa/bbb' },
  // Yes, matches subpath.
  { paths: [['Prefix', '/aaa/bbb']], requests: ['/aaa/bbb/ccc'], routedTo: 'Prefix /aaa/bbb' },
  // No, does not match string prefix.
  { paths: [['Prefix', '/aaa/bbb']], requests: ['/aaa/bbbxyz'], routedTo: 'default' },
  { paths: [['Prefix', '/'], ['Prefix', '/aaa']], requests: ['/aaa/ccc'], routedTo: 'Prefix /aaa' },
  { paths: [['Prefix', '/'], ['Prefix', '/aaa'], ['Prefix', '/aaa/bbb']], requests: ['/aaa/bbb'], routedTo: 'Prefix /aaa/bbb' },
  { paths: [['Prefix', '/'], ['Prefix', '/aaa'], ['Prefix', '/aaa/bbb']], requests: ['/ccc'], routedTo: 'Prefix /' },
  // No, uses default backend.
  { paths: [['Prefix', '/aaa']], requests: ['/ccc'], routedTo: 'default' },
  // Yes, prefers Exact.
  { paths: [['Prefix', '/foo'], ['Exact', '/foo']], requests: ['/foo'], routedTo: 'Exact /foo' },
];

for (const row of DOCS_EXAMPLES) {
  const paths = row.paths.map(([type, p]) => `${type} ${p}`).join(', ');
  test(`with ${paths}, ${row.requests.join(' and ')} go to ${row.routedTo}`, () => {
    expect(row.requests.map((r) => routeWith(row.paths, r))).toEqual(row.requests.map(() => row.routedTo));
  });
}

test('the longest path wins whatever order the paths are written in', () => {
  expect(routeWith([['Prefix', '/aaa/bbb'], ['Prefix', '/aaa'], ['Prefix', '/']], '/aaa/bbb/ccc')).toBe('Prefix /aaa/bbb');
  expect(routeWith([['Prefix', '/'], ['Exact', '/aaa/bbb/ccc'], ['Prefix', '/aaa/bbb']], '/aaa/bbb/ccc')).toBe('Exact /aaa/bbb/ccc');
});

test('Exact wins a tie whichever comes first', () => {
  expect(routeWith([['Exact', '/foo'], ['Prefix', '/foo']], '/foo')).toBe('Exact /foo');
  expect(routeWith([['Exact', '/foo'], ['Prefix', '/foo']], '/foo/')).toBe('Prefix /foo');
});

test('a Prefix path is as long as it is without its trailing slash, so it ties with the Exact path', () => {
  expect(routeWith([['Prefix', '/foo/'], ['Exact', '/foo']], '/foo')).toBe('Exact /foo');
});

test('a longer Prefix path beats a shorter Exact one', () => {
  expect(routeWith([['Exact', '/aaa'], ['Prefix', '/aaa/bbb']], '/aaa/bbb')).toBe('Prefix /aaa/bbb');
});

test('ImplementationSpecific is matched as Prefix, and with no path it matches everything', () => {
  expect(routeWith([['ImplementationSpecific', '/api']], '/api/v1')).toBe('ImplementationSpecific /api');
  expect(routeWith([['ImplementationSpecific', '/api']], '/apis')).toBe('default');
  expect(routeWith([['ImplementationSpecific', '']], '/anything')).toBe('ImplementationSpecific ');
});

test('two equal Prefix paths keep the order given: the first one written wins', () => {
  const router = new IngressRouter([
    ingress({ name: 'first', rules: [{ paths: [['Prefix', '/app', 'first']] }] }),
    ingress({ name: 'second', rules: [{ paths: [['Prefix', '/app/', 'second']] }] }),
  ]);
  expect(router.route('', '/app/x')?.service).toBe('first');
});

test('paths of one host in several Ingresses compete as one list', () => {
  const router = new IngressRouter([
    ingress({ name: 'site', rules: [{ host: 'shop.example.com', paths: [['Prefix', '/', 'frontend']] }] }),
    ingress({ name: 'api', rules: [{ host: 'shop.example.com', paths: [['Prefix', '/api', 'api']] }] }),
  ]);
  expect([router.route('shop.example.com', '/api/cart')?.service, router.route('shop.example.com', '/about')?.service])
    .toEqual(['api', 'frontend']);
});

test('with no match and no default backend there is no route (a 404)', () => {
  const router = new IngressRouter([ingress({ rules: [{ paths: [['Prefix', '/aaa', 'aaa']] }] })]);
  expect(router.route('', '/ccc')).toBeUndefined();
  expect(router.routeIndex('', '/ccc')).toBe(-1);
});
