import type { TimelineAction, Topology } from '../model/topology.js';

/** A timeline action in words, at its time: what run.json keeps for the report's time series. */
export interface TimelineEvent {
  atSeconds: number;
  event: string;
}

function pods(topology: Topology, indices: readonly number[], verb: string): string {
  return indices.length === 1 ? `pod ${topology.pods[indices[0]].name} ${verb}` : `${indices.length} pods ${verb}`;
}

function words(a: TimelineAction, topology: Topology): string {
  switch (a.kind) {
    case 'nodeFailure': return `node ${topology.nodes[a.node].name} ${a.deleted ? 'deleted' : 'fails'}`;
    case 'nodeRecovery': return `node ${topology.nodes[a.node].name} recovers`;
    case 'podTermination': return pods(topology, a.pods, 'terminate');
    case 'podStart': return pods(topology, a.pods, 'start');
    case 'rollingUpdate': return `rolling update of ${a.old.length} pods`;
    case 'latency': return `${a.link !== undefined ? a.link : `node ${topology.nodes[a.node!].name}`} latency changes`;
    case 'load':
      if (a.rate !== undefined) return `load ${a.rate} req/s`;
      if (a.ramp) return `load ramps to ${a.ramp.to} req/s over ${a.ramp.over} s`;
      return `diurnal load ${a.diurnal!.min} to ${a.diurnal!.max} req/s`;
  }
}

/** A variant's timeline (its scale and node events resolved to pods and nodes), in time order, in words. */
export function timelineEvents(topology: Topology): TimelineEvent[] {
  return topology.dynamics.timeline.map((a) => ({ atSeconds: a.at, event: words(a, topology) }));
}
