import { expect, test } from 'vitest';
import { dnsQueries, searchCandidates } from '../src/model/dns.js';

// A pod in namespace "shop" on a node whose own resolv.conf searches ec2.internal.
const search = ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'ec2.internal'];
const exists = new Set(['externalname-svc.shop.svc.cluster.local.', 'my.database.com.', 'a.b.c.d.e.f.']);
const opts = { ndots: 5, searchDomains: search, answeredBy: (fqdn: string) => exists.has(fqdn) };

test('a short Service name answers on the first search domain: one query', () => {
  expect(dnsQueries('externalname-svc', opts)).toEqual({ queries: 1, resolvedAs: 'externalname-svc.shop.svc.cluster.local.' });
});

test('a name with a trailing dot is absolute: one query, no search list', () => {
  expect(searchCandidates('my.database.com.', opts)).toEqual(['my.database.com.']);
  expect(dnsQueries('my.database.com.', opts)).toEqual({ queries: 1, resolvedAs: 'my.database.com.' });
});

test('an external name with 2 dots under ndots 5 gets an NXDOMAIN per search domain before the answer', () => {
  expect(searchCandidates('my.database.com', opts)).toEqual([
    'my.database.com.shop.svc.cluster.local.',
    'my.database.com.svc.cluster.local.',
    'my.database.com.cluster.local.',
    'my.database.com.ec2.internal.',
    'my.database.com.',
  ]);
  expect(dnsQueries('my.database.com', opts)).toEqual({ queries: 5, resolvedAs: 'my.database.com.' });
});

test('A and AAAA double every count', () => {
  expect(dnsQueries('my.database.com', { ...opts, queriesPerName: 2 }).queries).toBe(10);
  expect(dnsQueries('externalname-svc', { ...opts, queriesPerName: 2 }).queries).toBe(2);
});

test('a name with ndots dots or more is tried as it stands first', () => {
  expect(dnsQueries('a.b.c.d.e.f', opts)).toEqual({ queries: 1, resolvedAs: 'a.b.c.d.e.f.' });
  expect(searchCandidates('a.b.c.d.e.f', opts)[0]).toBe('a.b.c.d.e.f.');
});

test('when it fails as it stands, glibc goes on through the search list and musl stops', () => {
  const none = { ...opts, answeredBy: () => false };
  expect(dnsQueries('v.w.x.y.z.q', none)).toEqual({ queries: 5, resolvedAs: '' });
  expect(dnsQueries('v.w.x.y.z.q', { ...none, stub: 'musl' })).toEqual({ queries: 1, resolvedAs: '' });
});

test('a name nobody answers costs every candidate', () => {
  expect(dnsQueries('nowhere', { ...opts, answeredBy: () => false })).toEqual({ queries: 5, resolvedAs: '' });
});

test('ndots above 15 is clamped to 15, as glibc and musl do', () => {
  const many = 'a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p'; // 15 dots
  expect(searchCandidates(many, { ndots: 30, searchDomains: search })[0]).toBe(`${many}.`);
});

test('a name with an empty label is rejected', () => {
  expect(() => dnsQueries('my..database.com', opts)).toThrow(new RangeError('dns: "my..database.com" is not a valid name (empty label)'));
});
