import { deploymentYaml, nodeYaml, serviceYaml } from './scenario-files.js';

export interface SmallCluster {
  /** node name -> zone */
  nodes: Record<string, string>;
  /** node name -> pods of the web Deployment pinned there */
  pods: Record<string, number>;
  type?: 'LoadBalancer' | 'NodePort' | 'ClusterIP';
  policy?: 'Cluster' | 'Local';
  /** Extra lines for the Service's spec (indented by two). */
  serviceSpec?: string;
  /** Extra Kubernetes documents. */
  extra?: string;
  /** The Scenario's spec, without pods (a 5 ms constant model is added) and placement. */
  spec: string;
  /** The pod model's lines (default: a constant 5 ms service time, one worker). */
  podModel?: string;
}

/** A scenario's YAML text: nodes in zones, a web Deployment pinned per node, its Service, a Scenario. */
export function smallCluster(c: SmallCluster): string {
  const replicas = Object.values(c.pods).reduce((a, b) => a + b, 0);
  const service = serviceYaml('web', c.type ?? 'LoadBalancer', c.type === 'ClusterIP' ? undefined : c.policy)
    .replace('spec:\n', `spec:\n${c.serviceSpec ?? ''}`);
  const pins = Object.entries(c.pods).map(([n, k]) => `${n}: ${k}`).join(', ');
  return `${Object.entries(c.nodes).map(([n, z]) => nodeYaml(n, z)).join('')}${deploymentYaml('web', replicas)}${service}${c.extra ?? ''}apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: small }
spec:
${c.spec}  pods:
  - ${c.podModel ?? 'serviceTime: 5ms'}
  placement: { web: { ${pins} } }
`;
}
