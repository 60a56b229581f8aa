import { smallCluster, type SmallCluster } from './small-cluster.js';

/**
 * A small cluster whose web Service is headless (clusterIP: None), reached by in-cluster
 * clients: `spec` is the Scenario's spec without pods and placement, as for smallCluster.
 */
export function headlessCluster(c: Omit<SmallCluster, 'type' | 'policy'>): string {
  return smallCluster({ ...c, type: 'ClusterIP', serviceSpec: `  clusterIP: None\n${c.serviceSpec ?? ''}` });
}
