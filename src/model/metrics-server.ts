import type { Simulator } from '../engine/simulator.js';
import type { Pods } from './pods.js';

/**
 * metrics-server between the pods and the HPA. Every `resolution` seconds it scrapes each pod's
 * cumulative CPU counter (the kubelet's usageCoreNanoSeconds) and publishes the rate between its
 * last two scrapes, timestamped with the later one, with that span as the sample's window: so the
 * controller sees a pod's CPU averaged over the last scrape interval, up to one interval late. A
 * pod scraped once since it (re)started has no rate yet: its metric is missing.
 *
 * A pod's CPU use is its busy workers x `perWorker` cores plus `idle` cores: a worker busy with a
 * request burns CPU, a waiting request does not.
 */
export class MetricsServer {
  private readonly lastCounter: Float64Array;
  private readonly lastAt: Float64Array;
  /** The published sample: millicores, its timestamp and window (NaN: no sample). */
  readonly usage: Float64Array;
  readonly timestamp: Float64Array;
  readonly window: Float64Array;
  private readonly handler: number;

  constructor(private readonly sim: Simulator, private readonly pods: Pods, private readonly watched: readonly number[],
    private readonly resolution: number, private readonly cpu: { perWorker: number; idle: number }) {
    const n = Math.max(0, ...watched) + 1;
    this.lastCounter = new Float64Array(n);
    this.lastAt = new Float64Array(n).fill(NaN);
    this.usage = new Float64Array(n).fill(NaN);
    this.timestamp = new Float64Array(n).fill(NaN);
    this.window = new Float64Array(n).fill(NaN);
    this.handler = sim.register(() => this.scrape());
  }

  start(): void {
    this.scrape();
  }

  /** The pod's CPU over one window, millicores, as resource.Quantity's MilliValue rounds it (up). */
  cpuMillicores(busyWorkerSeconds: number, seconds: number): number {
    const cores = (busyWorkerSeconds / seconds) * this.cpu.perWorker + this.cpu.idle;
    // Nanocores first, as the kubelet counts, so 0.5 cores is 500m and not 501m from rounding.
    return Math.ceil(Math.round(cores * 1e9) / 1e6);
  }

  private scrape(): void {
    const now = this.sim.now;
    const pods = this.pods;
    for (const p of this.watched) {
      if (!pods.alive(p)) {
        this.lastAt[p] = NaN;
        this.usage[p] = NaN;
        continue;
      }
      const counter = pods.busySeconds(p);
      // A counter from before the pod's latest start belongs to an earlier container: start over.
      if (this.lastAt[p] >= pods.startedAt[p]) {
        const span = now - this.lastAt[p];
        this.usage[p] = this.cpuMillicores(counter - this.lastCounter[p], span);
        this.timestamp[p] = now;
        this.window[p] = span;
      } else {
        this.usage[p] = NaN;
      }
      this.lastCounter[p] = counter;
      this.lastAt[p] = now;
    }
    this.sim.schedule(this.resolution, this.handler);
  }
}
