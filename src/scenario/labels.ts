import type { LabelSelector } from './objects.js';

/** A Service selector: every key must be present with the same value. Empty selects nothing. */
export function mapSelects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/** A workload's label selector with matchLabels and matchExpressions. */
export function selectorSelects(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return Object.keys(selector.matchLabels).length + selector.matchExpressions.length > 0;
}

/**
 * A LabelSelector as the scheduler reads one in affinity terms and spread constraints: absent
 * selects nothing, empty ({}) selects everything.
 */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined) return false;
  if (Object.keys(selector.matchLabels).length + selector.matchExpressions.length === 0) return true;
  return selectorSelects(selector, labels);
}
