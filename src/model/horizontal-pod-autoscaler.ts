import type { Simulator } from '../engine/simulator.js';
import { proposeReplicas, ScalingHistory, type Normalized, type PodSample } from './hpa-algorithm.js';
import type { MetricsServer } from './metrics-server.js';
import type { Pods } from './pods.js';
import type { ReplicaSet } from './replica-set.js';
import type { AutoscalingSpec } from './topology.js';
import type { ScalingDecision } from './trace.js';

/**
 * The HPA controller's loop for one HorizontalPodAutoscaler (horizontal.go reconcileAutoscaler):
 * every sync period it lists the workload's pods, reads their CPU from metrics-server, groups
 * them as the replica calculator does (deleted pods ignored; Pending pods, and pods whose sample
 * may predate their readiness within the CPU initialization period, unready; pods without a
 * sample missing), proposes a count, normalizes it (stabilization, rate policies, min/max) and
 * scales the workload.
 */
export class HorizontalPodAutoscaler {
  private readonly history = new ScalingHistory();
  private readonly handler: number;
  private readonly samples: PodSample[] = [];
  desired: number;
  metric = NaN;

  constructor(private readonly sim: Simulator, private readonly spec: AutoscalingSpec, private readonly pods: Pods,
    private readonly metrics: MetricsServer, private readonly workload: ReplicaSet,
    private readonly decided: (d: ScalingDecision) => void, private readonly synced: () => void) {
    this.desired = spec.hpa.replicas;
    this.handler = sim.register(() => this.sync());
  }

  start(): void {
    this.sim.schedule(this.spec.controller.syncPeriod, this.handler);
  }

  private sync(): void {
    const now = this.sim.now;
    const hpa = this.spec.hpa;
    const current = this.workload.replicas;
    let decided: Normalized;
    let proposed = current;
    if (current > hpa.maxReplicas) decided = { replicas: hpa.maxReplicas, reason: 'TooManyReplicas' };
    else if (current < hpa.minReplicas) decided = { replicas: hpa.minReplicas, reason: 'TooFewReplicas' };
    else {
      const proposal = proposeReplicas(current, this.listPods(now), hpa.metric, this.spec.controller.tolerance);
      this.metric = proposal.metric;
      // A failed metric leaves the replicas alone (the ScalingActive condition turns false).
      if (proposal.error !== undefined) decided = { replicas: current, reason: 'FailedGetResourceMetric' };
      else {
        proposed = proposal.replicas;
        decided = hpa.behavior
          ? this.history.normalizeWithBehavior(now, current, proposed, hpa.minReplicas, hpa.maxReplicas, hpa.behavior)
          : this.history.normalizeWithoutBehavior(now, current, proposed, hpa.minReplicas, hpa.maxReplicas, this.spec.controller.downscaleStabilization);
      }
    }
    this.desired = decided.replicas;
    if (decided.replicas !== current || proposed !== current) {
      this.decided({ at: now, from: current, to: decided.replicas, proposed, metric: this.metric, reason: decided.reason });
    }
    if (decided.replicas !== current) {
      this.history.scaled(now, current, decided.replicas, hpa.behavior);
      this.workload.scale(decided.replicas);
    } else {
      this.workload.schedulePending();
    }
    this.synced();
    this.sim.schedule(this.spec.controller.syncPeriod, this.handler);
  }

  /** groupPods: each listed pod as the replica calculator sees it. */
  private listPods(now: number): PodSample[] {
    const c = this.spec.controller;
    const request = Math.round(this.spec.hpa.cpu.request * 1000);
    const pods = this.pods;
    const m = this.metrics;
    let n = 0;
    this.workload.forEachListed((pod, pending, deleting) => {
      const s = this.samples[n] ?? (this.samples[n] = { ignored: false, unready: false, missing: false, usage: 0, request });
      n++;
      s.ignored = deleting;
      s.unready = pending;
      s.missing = !pending && Number.isNaN(m.usage[pod]);
      s.usage = m.usage[pod];
      if (deleting || pending || s.missing) return;
      const ready = pods.isReady(pod);
      if (pods.startedAt[pod] + c.cpuInitializationPeriod > now) {
        // Still initializing: a sample from before the pod was ready for one window is not trusted.
        s.unready = !ready || m.timestamp[pod] < pods.readyAt[pod] + m.window[pod];
      } else {
        // Later, only a pod that has never been ready is set aside.
        s.unready = !ready && Number.isNaN(pods.readyAt[pod]) && c.initialReadinessDelay > 0;
      }
    });
    this.samples.length = n;
    return this.samples;
  }
}
