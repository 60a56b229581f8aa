import type { Distribution } from '../engine/distributions.js';

/** What a timeline may do to the cluster: the narrow interface Timeline acts through. */
export interface ClusterControl {
  /** The node stops; a deleted Node also leaves the load balancer's targets at once. */
  failNode(node: number, deleted: boolean): void;
  recoverNode(node: number): void;
  startPod(pod: number): void;
  /** The pod is not ready any more but serves for `grace` seconds, then dies. */
  terminatePod(pod: number, grace: number): void;
  /** The pod is ready (a rolling update counts available pods). */
  isReady(pod: number): boolean;
  isTerminating(pod: number): boolean;
  /** Calls `listener` with each pod that becomes ready. */
  onReady(listener: (pod: number) => void): void;
  /** A link class gets a new latency distribution. */
  setLinkLatency(link: string, latency: Distribution): void;
  /** Every packet into or out of `node` takes `extra` longer. */
  setNodeLatency(node: number, extra: Distribution): void;
}

/** What a timeline may do to the load: the client's arrival rate, from now on. */
export interface LoadControl {
  setRate(rate: number): void;
  ramp(to: number, over: number): void;
  diurnal(min: number, max: number, period: number): void;
}
