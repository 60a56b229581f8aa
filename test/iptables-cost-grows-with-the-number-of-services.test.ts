import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { scenarioFromYaml } from '../src/scenario/load-scenario.js';
import { smallCluster } from './support/small-cluster.js';

test('iptables adds perService x Services to each new connection; nftables and ipvs add nothing', () => {
  const spec = `  traffic: { service: web, entry: nodePort, arrival: deterministic, rate: 10, requests: 100 }
  kubeProxy: { mode: iptables, iptablesCost: { perService: 100ns, otherServices: 9999 } }
  compare:
    Scenario:spec.kubeProxy.mode: [iptables, nftables, ipvs]
`;
  const text = smallCluster({ nodes: { 'node-a': 'z' }, pods: { 'node-a': 1 }, type: 'NodePort', spec });
  const [iptables, nftables, ipvs] = runScenario(scenarioFromYaml(text)).variants;
  // 10000 Services (9999 others + web) x 100 ns = 1 ms on the first packet of each connection.
  expect(iptables.latency.mean - nftables.latency.mean).toBeCloseTo(0.001, 12);
  expect(ipvs.latency.mean).toBeCloseTo(nftables.latency.mean, 12);
  expect(iptables.kubeProxyMode).toBe('iptables');
  expect(ipvs.kubeProxyMode).toBe('ipvs:rr');
});
