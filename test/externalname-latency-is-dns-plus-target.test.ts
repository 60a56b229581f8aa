import { expect, test } from 'vitest';
import { Constant, Exponential } from '../src/engine/distributions.js';
import { RandomStreams } from '../src/engine/random.js';
import { DnsResolver, type DnsResolverOptions } from '../src/model/dns.js';
import { expectWithinInterval } from './support/expect-within-interval.js';

// Powers of two, so sums of them are exact.
const LATENCY = 1 / 1024;
const UPSTREAM = 1 / 64;

const cluster: Omit<DnsResolverOptions, 'latency' | 'upstreamLatency'> = {
  namespace: 'shop',
  services: [
    { name: 'externalname-svc', namespace: 'shop', externalName: 'my.database.com' },
    { name: 'web', namespace: 'shop' },
  ],
  names: ['externalname-svc', 'my.database.com', 'my.database.com.', 'web', 'web.shop.svc.cluster.local'],
};
const [SHORT, DIRECT, ABSOLUTE, WEB, WEB_FQDN] = [0, 1, 2, 3, 4];

test('the short ExternalName name costs one query plus the upstream lookup of its target', () => {
  const dns = new DnsResolver({ ...cluster, latency: new Constant(LATENCY), upstreamLatency: new Constant(UPSTREAM) });
  expect(dns.resolvedAs(SHORT)).toBe('externalname-svc.shop.svc.cluster.local.');
  expect([dns.queries(SHORT), dns.upstreamQueries(SHORT)]).toEqual([1, 1]);
  expect(dns.resolve(SHORT)).toBe(LATENCY + UPSTREAM);
});

test('the target name used directly pays three cluster NXDOMAINs first; with a trailing dot it does not', () => {
  const dns = new DnsResolver({ ...cluster, latency: new Constant(LATENCY), upstreamLatency: new Constant(UPSTREAM) });
  expect([dns.queries(DIRECT), dns.upstreamQueries(DIRECT)]).toEqual([4, 1]);
  expect(dns.resolve(DIRECT)).toBe(4 * LATENCY + UPSTREAM);
  expect(dns.resolve(ABSOLUTE)).toBe(LATENCY + UPSTREAM);
});

test('a node search domain adds a query that CoreDNS forwards upstream', () => {
  const dns = new DnsResolver({
    ...cluster, nodeSearchDomains: ['ec2.internal'], latency: new Constant(LATENCY), upstreamLatency: new Constant(UPSTREAM),
  });
  expect([dns.queries(DIRECT), dns.upstreamQueries(DIRECT)]).toEqual([5, 2]);
  expect(dns.resolve(DIRECT)).toBe(5 * LATENCY + 2 * UPSTREAM);
  // The short name still answers first time: the node domain is never reached.
  expect(dns.resolve(SHORT)).toBe(LATENCY + UPSTREAM);
});

test('an in-cluster Service never goes upstream, but its FQDN without a trailing dot searches first', () => {
  const dns = new DnsResolver({
    ...cluster, nodeSearchDomains: ['ec2.internal'], latency: new Constant(LATENCY), upstreamLatency: new Constant(UPSTREAM),
  });
  expect(dns.resolve(WEB)).toBe(LATENCY);
  // 4 dots < 5: three cluster NXDOMAINs, one forwarded NXDOMAIN (ec2.internal), then the name itself.
  expect([dns.queries(WEB_FQDN), dns.upstreamQueries(WEB_FQDN)]).toEqual([5, 1]);
  expect(dns.resolve(WEB_FQDN)).toBe(5 * LATENCY + UPSTREAM);
});

test('A and AAAA in parallel cost the slower of the two per name; in sequence their sum', () => {
  const constant = { latency: new Constant(LATENCY), upstreamLatency: new Constant(UPSTREAM), queriesPerName: 2 };
  const parallel = new DnsResolver({ ...cluster, ...constant });
  expect(parallel.queries(DIRECT)).toBe(8);
  expect(parallel.resolve(DIRECT)).toBe(4 * LATENCY + UPSTREAM);
  const sequential = new DnsResolver({ ...cluster, ...constant, familiesInParallel: false });
  expect(sequential.resolve(DIRECT)).toBe(2 * (4 * LATENCY + UPSTREAM));
});

test('with exponential latencies the mean resolution time is queries x mean latency + upstream queries x mean upstream', () => {
  const streams = new RandomStreams(7, 0);
  const latency = new Exponential(0.0005, streams.stream('dns/latency'));
  const upstream = new Exponential(0.004, streams.stream('dns/upstream'));
  const dns = new DnsResolver({ ...cluster, nodeSearchDomains: ['ec2.internal'], latency, upstreamLatency: upstream });
  for (const name of [SHORT, DIRECT]) {
    const times = Array.from({ length: 200_000 }, () => dns.resolve(name));
    const expected = dns.queries(name) * latency.mean + dns.upstreamQueries(name) * upstream.mean;
    expectWithinInterval(times, expected, 0.01);
  }
});

test('a client-side cache makes repeat lookups free until the ttl runs out', () => {
  const dns = new DnsResolver({
    ...cluster, latency: new Constant(LATENCY), upstreamLatency: new Constant(UPSTREAM), cache: { ttl: 30, clients: 2 },
  });
  const first = dns.resolve(SHORT, 0, 100);
  expect(first).toBe(LATENCY + UPSTREAM);
  expect(dns.resolve(SHORT, 0, 120)).toBe(0);
  expect(dns.resolve(SHORT, 1, 120)).toBe(first); // another client has its own cache
  expect(dns.resolve(SHORT, 0, 100 + first + 30)).toBe(first); // expired
});
