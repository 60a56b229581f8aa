import { distributionSpec } from './distribution-spec.js';
import type { TimelineAction } from '../model/topology.js';
import { parseDuration } from './durations.js';
import { mapSelects, selectorSelects } from './labels.js';
import type { ClusterObjects, FieldPath } from './objects.js';
import { scheduleWorkloadPod, type PlacedPod } from './placement.js';
import type { ScenarioDocument } from './scenario-schema.js';

type Spec = ScenarioDocument['spec'];

/** A timeline action naming pods by name; build-topology maps names to indices. */
export type NamedAction = TimelineAction extends infer A
  ? A extends { pods: number[] } ? Omit<A, 'pods'> & { pods: string[] }
  : A extends { old: number[] } ? Omit<A, 'old' | 'fresh'> & { old: string[]; fresh: string[] }
  : A
  : never;

/**
 * Resolves the Scenario's timeline, in time order, against the pods as they will be: pods a
 * scale-out, a pod start or a rolling update creates are made here (absent until their event,
 * appended to `pods`), placed by the default scheduler given the pods planned at that moment;
 * a scale-in terminates the newest pods. Node failures do not make the ReplicaSet replace pods
 * (that takes the eviction timeout, minutes): a timeline says so with podStart if it wants it.
 */
export function resolveTimeline(spec: Spec, objects: ClusterObjects, pods: PlacedPod[],
  err: (path: FieldPath, message: string) => void, warn: (path: FieldPath, message: string) => void): NamedAction[] {
  const nodes = objects.nodes;
  const nodeIndex = new Map(nodes.map((n, i) => [n.meta.name, i]));
  const alive = new Set(pods.filter((p) => p.running !== false).map((p) => p.name));
  const created = new Map<string, number>();
  const actions: NamedAction[] = [];
  const order = spec.timeline.map((e, i) => ({ e, i, at: parseDuration(e.at) })).sort((a, b) => a.at - b.at || a.i - b.i);
  const grace = parseDuration(spec.dynamics.gracePeriod);

  const workload = (name: string, path: FieldPath) => {
    const w = objects.workloads.find((x) => x.meta.name === name);
    if (!w) err(path, `Not found: no Deployment, StatefulSet or ReplicaSet named "${name}"`);
    return w;
  };
  const podsOf = (name: string) => {
    const w = objects.workloads.find((x) => x.meta.name === name)!;
    return pods.filter((p) => alive.has(p.name) && p.namespace === w.meta.namespace && selectorSelects(w.selector, p.labels));
  };
  const createPods = (name: string, count: number, node: string | undefined, prefix: string): string[] => {
    const w = objects.workloads.find((x) => x.meta.name === name)!;
    const names: string[] = [];
    for (let k = 0; k < count; k++) {
      const i = node !== undefined ? nodeIndex.get(node)! : scheduleWorkloadPod(objects, w, pods.filter((p) => alive.has(p.name)));
      if (i < 0) break;
      // Number after every pod already named with the prefix, so names never collide.
      const n = created.get(prefix) ?? pods.filter((p) => p.name.startsWith(`${prefix}-`)).length;
      created.set(prefix, n + 1);
      const pod: PlacedPod = {
        name: `${prefix}-${n}`, namespace: w.meta.namespace, labels: w.templateLabels, node: nodes[i].meta.name, ready: true, running: false,
        scheduling: w.scheduling,
      };
      pods.push(pod);
      alive.add(pod.name);
      names.push(pod.name);
    }
    return names;
  };

  for (const { e, i, at } of order) {
    const path: FieldPath = ['spec', 'timeline', i];
    const kinds = (['nodeFailure', 'nodeRecovery', 'podTermination', 'podStart', 'scale', 'rollingUpdate', 'latency', 'load'] as const)
      .filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) {
      err(path, kinds.length === 0 ? 'Required value: one of nodeFailure, nodeRecovery, podTermination, podStart, scale, rollingUpdate, latency, load'
        : `Invalid value: an event does one thing; got ${kinds.join(' and ')}`);
      continue;
    }
    const nodeOf = (name: string, field: FieldPath) => {
      const n = nodeIndex.get(name);
      if (n === undefined) err(field, `Not found: node "${name}"`);
      return n;
    };
    if (e.nodeFailure) {
      const n = nodeOf(e.nodeFailure.node, [...path, 'nodeFailure', 'node']);
      if (n !== undefined) {
        actions.push({ at, kind: 'nodeFailure', node: n, deleted: e.nodeFailure.mode === 'Deleted' });
        for (const p of pods) if (p.node === e.nodeFailure.node) alive.delete(p.name);
      }
    } else if (e.nodeRecovery) {
      const n = nodeOf(e.nodeRecovery.node, [...path, 'nodeRecovery', 'node']);
      if (n !== undefined) actions.push({ at, kind: 'nodeRecovery', node: n });
    } else if (e.podTermination) {
      const t = e.podTermination;
      if (t.workload !== undefined && !workload(t.workload, [...path, 'podTermination', 'workload'])) continue;
      let chosen = pods.filter((p) => alive.has(p.name)
        && (t.pod === undefined || p.name === t.pod)
        && (t.selector === undefined || mapSelects(t.selector, p.labels))
        && (t.workload === undefined || podsOf(t.workload).includes(p)));
      if (t.pod === undefined && t.selector === undefined && t.workload === undefined) {
        err([...path, 'podTermination'], 'Required value: one of pod, workload or selector');
        continue;
      }
      if (chosen.length === 0) warn([...path, 'podTermination'], 'no running pod matches at that time: nothing terminates');
      if (t.count !== undefined) chosen = chosen.slice(-t.count);
      for (const p of chosen) alive.delete(p.name);
      actions.push({ at, kind: 'podTermination', pods: chosen.map((p) => p.name), grace: t.gracePeriod !== undefined ? parseDuration(t.gracePeriod) : grace });
    } else if (e.podStart) {
      if (!workload(e.podStart.workload, [...path, 'podStart', 'workload'])) continue;
      if (e.podStart.node !== undefined && nodeOf(e.podStart.node, [...path, 'podStart', 'node']) === undefined) continue;
      actions.push({ at, kind: 'podStart', pods: createPods(e.podStart.workload, e.podStart.count, e.podStart.node, e.podStart.workload) });
    } else if (e.scale) {
      if (!workload(e.scale.workload, [...path, 'scale', 'workload'])) continue;
      const current = podsOf(e.scale.workload);
      const diff = e.scale.replicas - current.length;
      if (diff > 0) actions.push({ at, kind: 'podStart', pods: createPods(e.scale.workload, diff, undefined, e.scale.workload) });
      if (diff < 0) {
        const gone = current.slice(diff);
        for (const p of gone) alive.delete(p.name);
        actions.push({ at, kind: 'podTermination', pods: gone.map((p) => p.name), grace });
      }
    } else if (e.rollingUpdate) {
      const r = e.rollingUpdate;
      if (!workload(r.workload, [...path, 'rollingUpdate', 'workload'])) continue;
      if (r.maxSurge === 0 && r.maxUnavailable === 0) {
        err([...path, 'rollingUpdate', 'maxUnavailable'], 'Invalid value: 0: may not be 0 when `maxSurge` is 0');
        continue;
      }
      const old = podsOf(r.workload);
      for (const p of old) alive.delete(p.name);
      const fresh = createPods(r.workload, old.length, undefined, `${r.workload}-v${at}`);
      actions.push({ at, kind: 'rollingUpdate', old: old.map((p) => p.name), fresh, maxSurge: r.maxSurge, maxUnavailable: r.maxUnavailable, grace });
    } else if (e.latency) {
      const l = e.latency;
      if ((l.link === undefined) === (l.node === undefined)) {
        err([...path, 'latency'], 'Required value: exactly one of link or node');
        continue;
      }
      const node = l.node !== undefined ? nodeOf(l.node, [...path, 'latency', 'node']) : undefined;
      let value;
      try {
        value = distributionSpec(l.value);
      } catch (e) {
        err([...path, 'latency', 'value'], (e as Error).message);
        continue;
      }
      actions.push({ at, kind: 'latency', link: l.link, node, value });
    } else if (e.load) {
      const l = e.load;
      const set = [l.rate, l.ramp, l.diurnal].filter((x) => x !== undefined).length;
      if (set !== 1) {
        err([...path, 'load'], 'Required value: exactly one of rate, ramp or diurnal');
        continue;
      }
      if (l.diurnal && !(l.diurnal.max > l.diurnal.min)) err([...path, 'load', 'diurnal'], 'Invalid value: max must be above min');
      actions.push({
        at, kind: 'load', rate: l.rate,
        ramp: l.ramp && { to: l.ramp.to, over: parseDuration(l.ramp.over) },
        diurnal: l.diurnal && { min: l.diurnal.min, max: l.diurnal.max, period: parseDuration(l.diurnal.period) },
      });
    }
  }
  return actions;
}
