import { mapSelects } from './labels.js';
import type { ServiceObject } from './objects.js';
import type { PendingPod, PlacedPod } from './placement.js';

/**
 * Why the traffic's Service would have no endpoint to send to, or undefined when it has one: no
 * selector, no pod with its labels, all of them Pending, or none ready. A pod the timeline starts
 * later counts: it becomes ready after the readiness delay.
 */
export function noEndpointReason(service: ServiceObject, pods: readonly PlacedPod[], pending: readonly PendingPod[]): string | undefined {
  const name = `Service "${service.meta.name}"`;
  if (!service.selector) return `${name} has no selector, so no endpoints svcsim could send to (its Endpoints are kept by hand): give it a selector`;
  const selector = service.selector;
  const mine = (p: { namespace: string; labels: Record<string, string> }) => p.namespace === service.meta.namespace && mapSelects(selector, p.labels);
  const selected = pods.filter(mine);
  if (selected.some((p) => p.running === false || p.ready)) return undefined;
  const stuck = pending.filter(mine);
  const labels = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  if (selected.length === 0 && stuck.length === 0) {
    return `${name} has no endpoints: no pod in namespace "${service.meta.namespace}" has the labels of its selector (${labels})`;
  }
  if (selected.length === 0) {
    const names = stuck.map((p) => p.name).join(', ');
    return `${name} has no endpoints: its pod${stuck.length === 1 ? ` ${names} stays` : `s ${names} stay`} Pending (${stuck[0].reason})`;
  }
  return `${name} has no endpoints: none of its pods is ready (${selected.map((p) => p.name).join(', ')})`;
}
