import type { RandomStreams } from '../engine/random.js';
import type { Simulator } from '../engine/simulator.js';
import { buildDistribution } from '../scenario/distribution-spec.js';
import type { DataPath } from './data-path.js';
import { READY, TERMINATING, type PodLifecycle } from './pod-lifecycle.js';
import type { TimelineAction, Topology } from './topology.js';

/** Carries out the Scenario's timeline: each action at its time, in the order written. */
export class Timeline {
  private readonly handler: number;

  constructor(private readonly sim: Simulator, private readonly topology: Topology, private readonly path: DataPath,
    private readonly streams: RandomStreams) {
    this.handler = sim.register((i) => this.apply(i));
  }

  start(): void {
    this.topology.dynamics.timeline.forEach((a, i) => this.sim.scheduleAt(a.at, this.handler, i));
  }

  private apply(i: number): void {
    const a: TimelineAction = this.topology.dynamics.timeline[i];
    const life = this.path.lifecycle;
    switch (a.kind) {
      case 'nodeFailure':
        life.failNode(a.node);
        // A deleted Node leaves the balancer's targets at once (the service controller syncs
        // them); a NotReady one stays until the probes notice.
        if (a.deleted) this.path.health.remove(a.node);
        break;
      case 'nodeRecovery': life.recoverNode(a.node); break;
      case 'podTermination': for (const p of a.pods) life.terminate(p, a.grace); break;
      case 'podStart': for (const p of a.pods) life.start(p); break;
      case 'rollingUpdate': new RollingUpdate(life, a).reconcile(); break;
      case 'latency': {
        const d = buildDistribution(a.value, this.streams.stream(`timeline/${i}/latency`));
        if (a.link !== undefined) this.path.links.setLink(a.link, d);
        else this.path.links.setNodeExtra(a.node!, d);
        break;
      }
      case 'load': {
        const arrivals = this.path.arrivals;
        const now = this.sim.now;
        if (a.rate !== undefined) arrivals.setRate(a.rate, now);
        else if (a.ramp) arrivals.ramp(a.ramp.to, a.ramp.over, now);
        else if (a.diurnal) arrivals.diurnal(a.diurnal.min, a.diurnal.max, a.diurnal.period, now);
        this.path.loadChanged();
        break;
      }
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

  constructor(private readonly life: PodLifecycle, private readonly a: Extract<TimelineAction, { kind: 'rollingUpdate' }>) {
    life.onReady((pod) => { if (a.fresh.includes(pod)) this.reconcile(); });
  }

  reconcile(): void {
    const { old, fresh, maxSurge, maxUnavailable, grace } = this.a;
    const replicas = old.length;
    for (;;) {
      const oldLeft = old.length - this.stopped;
      if (this.started < fresh.length && oldLeft + this.started < replicas + maxSurge) {
        this.life.start(fresh[this.started++]);
        continue;
      }
      const available = old.filter((p) => this.life.state[p] === READY).length
        + fresh.filter((p) => this.life.state[p] === READY).length;
      if (oldLeft > 0 && available - 1 >= replicas - maxUnavailable) {
        const p = old[this.stopped++];
        if (this.life.state[p] !== TERMINATING) this.life.terminate(p, grace);
        continue;
      }
      return;
    }
  }
}
