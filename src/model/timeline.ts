import { createDistribution } from '../engine/distributions.js';
import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import type { ClusterControl, LoadControl } from './cluster-control.js';
import type { TimelineAction } from './topology.js';

/** Carries out the Scenario's timeline: each action at its time, in the order written. */
export class Timeline {
  private readonly handler: number;

  constructor(private readonly sim: Simulator, private readonly actions: readonly TimelineAction[],
    private readonly cluster: ClusterControl, private readonly load: LoadControl, private readonly streams: RandomStreams) {
    this.handler = sim.register((i) => this.apply(i));
  }

  start(): void {
    this.actions.forEach((a, i) => this.sim.scheduleAt(a.at, this.handler, i));
  }

  private apply(i: number): void {
    const a = this.actions[i];
    const cluster = this.cluster;
    switch (a.kind) {
      case 'nodeFailure': cluster.failNode(a.node, a.deleted); break;
      case 'nodeRecovery': cluster.recoverNode(a.node); break;
      case 'podTermination': for (const p of a.pods) cluster.terminatePod(p, a.grace); break;
      case 'podStart': for (const p of a.pods) cluster.startPod(p); break;
      case 'rollingUpdate': new RollingUpdate(cluster, a).reconcile(); break;
      case 'latency': {
        const d = createDistribution(a.value, this.streams.stream(`timeline/${i}/latency`));
        if (a.link !== undefined) cluster.setLinkLatency(a.link, d);
        else cluster.setNodeLatency(a.node!, d);
        break;
      }
      case 'load':
        if (a.rate !== undefined) this.load.setRate(a.rate);
        else if (a.ramp) this.load.ramp(a.ramp.to, a.ramp.over);
        else if (a.diurnal) this.load.diurnal(a.diurnal.min, a.diurnal.max, a.diurnal.period);
        break;
    }
  }
}

/**
 * A Deployment's rolling update, as its controller runs it: new pods start while the total stays
 * within replicas + maxSurge; old pods terminate while the available (ready) pods stay at least
 * replicas - maxUnavailable. It advances each time a new pod becomes ready.
 */
class RollingUpdate {
  private started = 0;
  private stopped = 0;

  constructor(private readonly cluster: ClusterControl, private readonly a: Extract<TimelineAction, { kind: 'rollingUpdate' }>) {
    cluster.onReady((pod) => { if (a.fresh.includes(pod)) this.reconcile(); });
  }

  reconcile(): void {
    const { old, fresh, maxSurge, maxUnavailable, grace } = this.a;
    const replicas = old.length;
    const cluster = this.cluster;
    for (;;) {
      const oldLeft = old.length - this.stopped;
      if (this.started < fresh.length && oldLeft + this.started < replicas + maxSurge) {
        cluster.startPod(fresh[this.started++]);
        continue;
      }
      const available = old.filter((p) => cluster.isReady(p)).length + fresh.filter((p) => cluster.isReady(p)).length;
      if (oldLeft > 0 && available - 1 >= replicas - maxUnavailable) {
        const p = old[this.stopped++];
        if (!cluster.isTerminating(p)) cluster.terminatePod(p, grace);
        continue;
      }
      return;
    }
  }
}
