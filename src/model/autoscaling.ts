import type { Simulator } from '../engine/simulator.js';
import { ClusterAutoscaler, type NodeControl } from './cluster-autoscaler.js';
import { HorizontalPodAutoscaler } from './horizontal-pod-autoscaler.js';
import { MetricsServer } from './metrics-server.js';
import { NodeRoom } from './node-room.js';
import type { Places } from './places.js';
import type { Pods } from './pods.js';
import { ReplicaSet } from './replica-set.js';
import type { AutoscalingSpec } from './topology.js';
import type { AutoscalingTrace } from './trace.js';

/**
 * The controllers in the loop, wired: metrics-server reads the pods' CPU, the HPA scales the
 * workload's ReplicaSet, the scheduler binds its new pods where there is room (or leaves them
 * Pending), and the cluster autoscaler adds and removes node-group nodes. Every change of the
 * capacity is told to the trace at once (a few events a minute, never per request).
 */
export class Autoscaling {
  private readonly workload: ReplicaSet;
  private readonly metrics: MetricsServer;
  private readonly hpa: HorizontalPodAutoscaler;
  private readonly nodes: ClusterAutoscaler;

  constructor(sim: Simulator, spec: AutoscalingSpec, pods: Pods, places: Places, control: NodeControl,
    private readonly trace: AutoscalingTrace) {
    const own = spec.hpa.pods;
    const room = new NodeRoom(spec, (n) => pods.nodeIsUp(n), own.slice(0, spec.hpa.replicas).map((p) => ({ node: places.podNode[p] })));
    this.workload = new ReplicaSet(sim, pods, places, room, own, spec.hpa.replicas, spec.gracePeriod, () => this.tell());
    this.metrics = new MetricsServer(sim, pods, own, spec.metricResolution, spec.hpa.cpu);
    this.hpa = new HorizontalPodAutoscaler(sim, spec, pods, this.metrics, this.workload, (d) => trace.scalingDecision(d), () => this.tell());
    this.nodes = new ClusterAutoscaler(sim, spec.nodeGroups, spec.allocatable.pods.length, room, this.workload, control, spec.scanInterval, () => this.tell());
    // Readiness changes the ready count: tell it too.
    pods.onReady(() => this.tell());
    pods.onGone(() => this.tell());
  }

  start(): void {
    this.metrics.start();
    this.hpa.start();
    this.nodes.start();
    this.tell();
  }

  private tell(): void {
    const w = this.workload;
    this.trace.capacity(w.replicas, this.hpa.desired, w.ready, w.pending, w.running, this.nodes.nodes, this.nodes.booting, this.hpa.metric);
  }
}
