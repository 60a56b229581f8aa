/**
 * What happens to requests, as the model and its client tell it (ns-3's trace sources):
 * statistics subscribe by implementing this interface; the model never counts or formats.
 * Every event carries the time the client sent the request (`sentAt`), so that a subscriber
 * can leave out the warm-up. Node and pod events are per attempt; request events per request as
 * its client sees it, once, across retries.
 */
export interface Trace {
  /** A client sent a request (its first attempt). */
  requestSent(sentAt: number): void;
  /** A client tries the request again after a failed attempt. */
  requestRetried(sentAt: number): void;
  /** The request ended without an answer: DROPPED, REJECTED, FAILED or TIMED_OUT. */
  requestEnded(outcome: Outcome, sentAt: number): void;
  /**
   * The answer reached the client. `pod` is OUTSIDE for a target outside the cluster; zone
   * crossings are counted on the way there and on the way back.
   */
  requestCompleted(latency: number, pod: number, node: number, hops: number, forwarded: boolean, snat: boolean,
    crossingsThere: number, crossingsBack: number, sentAt: number): void;
  /** An attempt entered the cluster at `node`. */
  attemptReceived(node: number, sentAt: number): void;
  /** An attempt was lost at `node` (down, or Local with no endpoint there). */
  attemptLost(node: number, sentAt: number): void;
  /** An attempt went on from node `from` to a pod on node `to`. */
  attemptForwarded(from: number, to: number, sentAt: number): void;
  attemptReachedPod(pod: number, sentAt: number): void;
  /** A pod's full queue turned the attempt away. */
  attemptRejectedByPod(pod: number, sentAt: number): void;
  /** An Ingress controller pod did its part; the attempt goes on to a backend pod. */
  attemptPassedThrough(pod: number, sentAt: number): void;
}

export type Outcome = typeof DROPPED | typeof REJECTED | typeof FAILED | typeof TIMED_OUT;
/** Lost on the way, and the client gave up waiting (or never stops waiting). */
export const DROPPED = 1;
/** Refused at once: no endpoint anywhere, a full queue, an Ingress 503. */
export const REJECTED = 2;
/** The pod died with the attempt in it. */
export const FAILED = 3;
/** The client stopped waiting for an attempt that was on its way. */
export const TIMED_OUT = 4;

/** The pod of a request answered outside the cluster (ExternalName). */
export const OUTSIDE = -2;

/**
 * What the autoscaling controllers tell, in runs with a HorizontalPodAutoscaler: the capacity
 * whenever it changes, and each decision of the HPA.
 */
export interface AutoscalingTrace {
  /**
   * From now on: the workload's replicas (as the HPA set them), the HPA's latest desired count,
   * its ready, Pending and running pods (running: on a node, ready or not), the nodes up and those
   * ordered but still booting, and the metric the HPA last saw (utilization %, or millicores a
   * pod; NaN: none).
   */
  capacity(replicas: number, desired: number, ready: number, pending: number, running: number, nodes: number, booting: number, metric: number): void;
  /** The HPA changed the replicas, or wanted to and was held back (stabilization, rate, min/max). */
  scalingDecision(decision: ScalingDecision): void;
}

export interface ScalingDecision {
  /** Simulated seconds. */
  at: number;
  /** Replicas before and after. */
  from: number;
  to: number;
  /** What the metric alone asked for (the replica calculator's proposal). */
  proposed: number;
  /** The metric the controller saw: utilization in %, or millicores a pod. */
  metric: number;
  /** The HPA condition's reason: DesiredWithinRange, ScaleUpLimit, ScaleDownStabilized, TooManyReplicas... */
  reason: string;
}
