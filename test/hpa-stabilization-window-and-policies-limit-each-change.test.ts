import { expect, test } from 'vitest';
import { ScalingHistory, type Behavior, type ScalingRules } from '../src/model/hpa-algorithm.js';

const DEFAULT_UP: ScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const DEFAULT_DOWN: ScalingRules = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
const defaults: Behavior = { scaleUp: DEFAULT_UP, scaleDown: DEFAULT_DOWN };

/**
 * A controller's syncs as a timeline: at each [time, proposal] the history normalizes the proposal
 * against the current count, the workload is scaled to the result, and the story is the counts.
 */
function story(behavior: Behavior | undefined, start: number, steps: Array<[number, number]>, min = 1, max = 100): Array<[number, number, string]> {
  const h = new ScalingHistory();
  let current = start;
  return steps.map(([at, proposed]) => {
    const d = behavior ? h.normalizeWithBehavior(at, current, proposed, min, max, behavior) : h.normalizeWithoutBehavior(at, current, proposed, min, max, 300);
    h.scaled(at, current, d.replicas, behavior);
    current = d.replicas;
    return [at, current, d.reason];
  });
}

test('a scale-down waits out the 300 s window, taking the highest recommendation in it', () => {
  const steps: Array<[number, number]> = [[0, 10], [15, 4], [150, 6], [300, 4], [315, 4], [450, 4], [465, 4]];
  expect(story(defaults, 10, steps)).toEqual([
    [0, 10, 'DesiredWithinRange'],
    [15, 10, 'ScaleDownStabilized'],
    [150, 10, 'ScaleDownStabilized'],
    // The 10 of t = 0 is out of the window (300 s ago, not after the cutoff): the highest left is 6.
    [300, 6, 'ScaleDownStabilized'],
    [315, 6, 'ScaleDownStabilized'],
    // At 450 the 6 of t = 150 leaves the window too.
    [450, 4, 'DesiredWithinRange'],
    [465, 4, 'DesiredWithinRange'],
  ]);
});

test('a Pods policy of 4 per 60 s limits a scale-up to that rate', () => {
  const up: ScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] };
  const steps: Array<[number, number]> = [[0, 20], [15, 20], [30, 20], [60, 20], [75, 20], [120, 20], [180, 20]];
  expect(story({ scaleUp: up, scaleDown: DEFAULT_DOWN }, 2, steps).map(([t, n, r]) => [t, n, r])).toEqual([
    [0, 6, 'ScaleUpLimit'],
    [15, 6, 'ScaleUpLimit'],
    [30, 6, 'ScaleUpLimit'],
    // The event of t = 0 is 60 s old: out of the period (not after the cutoff).
    [60, 10, 'ScaleUpLimit'],
    [75, 10, 'ScaleUpLimit'],
    [120, 14, 'ScaleUpLimit'],
    [180, 18, 'ScaleUpLimit'],
  ]);
});

test('by default a scale-up may add max(4 pods, 100%) per 15 s', () => {
  expect(story(defaults, 1, [[0, 50], [15, 50], [30, 50], [45, 50], [60, 50]]).map(([, n]) => n)).toEqual([5, 10, 20, 40, 50]);
});

test('selectPolicy Min takes the smallest change, Disabled none', () => {
  const min: Behavior = { scaleUp: { ...DEFAULT_UP, selectPolicy: 'Min' }, scaleDown: DEFAULT_DOWN };
  expect(story(min, 10, [[0, 50]])).toEqual([[0, 14, 'ScaleUpLimit']]);
  const off: Behavior = { scaleUp: { ...DEFAULT_UP, selectPolicy: 'Disabled' }, scaleDown: DEFAULT_DOWN };
  expect(story(off, 10, [[0, 50]])).toEqual([[0, 10, 'ScaleUpLimit']]);
});

test('a Percent policy on the way down truncates: 50% of 7 leaves 3', () => {
  const down: ScalingRules = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] };
  expect(story({ scaleUp: DEFAULT_UP, scaleDown: down }, 7, [[0, 1], [15, 1], [60, 1]]).map(([, n]) => n)).toEqual([3, 3, 1]);
});

test('the result is clamped to minReplicas and maxReplicas', () => {
  expect(story(defaults, 4, [[0, 9]], 2, 6)).toEqual([[0, 6, 'TooManyReplicas']]);
  const quick: Behavior = { scaleUp: DEFAULT_UP, scaleDown: { ...DEFAULT_DOWN, stabilizationWindowSeconds: 0 } };
  expect(story(quick, 4, [[0, 1]], 2, 6)).toEqual([[0, 2, 'TooFewReplicas']]);
});

test('without behavior: at most max(2 x current, 4) per sync, and the controller\'s 5 minute downscale window', () => {
  expect(story(undefined, 1, [[0, 50], [15, 50], [30, 50]]).map(([, n, r]) => [n, r])).toEqual([[4, 'ScaleUpLimit'], [8, 'ScaleUpLimit'], [16, 'ScaleUpLimit']]);
  expect(story(undefined, 8, [[0, 8], [15, 2], [299, 2], [301, 2]]).map(([, n]) => n)).toEqual([8, 8, 8, 2]);
});

test('the docs\' example: 4 pods or 10% a minute, whichever removes more, from 80 down to 10', () => {
  // kubernetes.io "Horizontal Pod Autoscaling", scaling policies: 80 -> 72 (8), then 10% of 72 is
  // 7.2, "rounded up to 8"; below 40 replicas the Pods policy (4) removes more.
  const down: ScalingRules = {
    stabilizationWindowSeconds: 0, selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }, { type: 'Percent', value: 10, periodSeconds: 60 }],
  };
  const minutes = Array.from({ length: 14 }, (_, i): [number, number] => [60 * i, 10]);
  expect(story({ scaleUp: DEFAULT_UP, scaleDown: down }, 80, minutes).map(([, n]) => n))
    .toEqual([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10]);
});
