import type { Simulator } from '../engine/simulator.js';

export interface HealthCheckSpec {
  /** Seconds between two probes of one node. */
  interval: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

/**
 * The load balancer's view of node health. Each node is probed every `interval` (the nodes'
 * probes are spread evenly over the interval); a node turns unhealthy after
 * `unhealthyThreshold` failed probes in a row and healthy again after `healthyThreshold`
 * passed ones. Until then the balancer keeps its old view: that window is where requests go to
 * a node that can no longer serve them.
 *
 * What a probe asks is the caller's: under Local, the healthCheckNodePort (a ready local
 * endpoint); under Cluster, kube-proxy's /healthz (the node is up).
 */
export class HealthChecker {
  readonly healthy: Uint8Array;
  private readonly streak: Int32Array;
  private readonly probeHandler: number;
  probes = 0;

  constructor(private readonly sim: Simulator, nodes: number, private readonly probe: (node: number) => boolean,
    private readonly spec: HealthCheckSpec | null, private readonly onChange: () => void) {
    // In steady state every probe has long agreed with the cluster: start from the truth.
    this.healthy = Uint8Array.from({ length: nodes }, (_, i) => (probe(i) ? 1 : 0));
    this.streak = new Int32Array(nodes);
    this.probeHandler = sim.register((node) => this.probeNode(node));
  }

  start(): void {
    if (!this.spec) return;
    const n = this.healthy.length;
    for (let i = 0; i < n; i++) this.sim.schedule((this.spec.interval * (i + 1)) / n, this.probeHandler, i);
  }

  /** Without probing (healthCheck: false or a change outside the checker), re-read the truth now. */
  resync(): void {
    let changed = false;
    for (let i = 0; i < this.healthy.length; i++) {
      const h = this.probe(i) ? 1 : 0;
      if (h !== this.healthy[i]) { this.healthy[i] = h; changed = true; }
    }
    if (changed) this.onChange();
  }

  /** The node is gone from the balancer's targets now, whatever the probes would say. */
  remove(node: number): void {
    if (this.healthy[node] === 0) return;
    this.healthy[node] = 0;
    this.streak[node] = 0;
    this.onChange();
  }

  /** True when the checker probes (so changes reach the balancer only through probes). */
  get probing(): boolean {
    return this.spec !== null;
  }

  private probeNode(node: number): void {
    const spec = this.spec!;
    this.probes++;
    const passed = this.probe(node);
    const wasHealthy = this.healthy[node] === 1;
    if (passed === wasHealthy) {
      this.streak[node] = 0;
    } else if (++this.streak[node] >= (passed ? spec.healthyThreshold : spec.unhealthyThreshold)) {
      this.healthy[node] = passed ? 1 : 0;
      this.streak[node] = 0;
      this.onChange();
    }
    this.sim.schedule(spec.interval, this.probeHandler, node);
  }
}
