import { describe, expect, test } from 'vitest';
import { RUN_OPTIONS } from '../src/cli/options.js';
import { checkScenario } from '../src/scenario/load-scenario.js';
import { DURATION_FORM, DURATION_NOT_FINITE, DURATION_TOO_LONG, formatDuration, parseDuration } from '../src/scenario/durations.js';
import { scenarioJsonSchema } from '../src/scenario/scenario-schema.js';
import { deploymentYaml, nodeYaml, serviceYaml } from './support/scenario-files.js';

const ACCEPTED: Array<[string, number]> = [
  ['0', 0],
  ['0s', 0],
  ['250ms', 0.25],
  ['0.2ms', 0.0002],
  ['1m30s', 90],
  ['1.5h', 5400],
  ['2h45m', 9900],
  ['1s500ms', 1.5],
  ['1h1h', 7200],
  ['100us', 1e-4],
  ['100\u00b5s', 1e-4],
  ['100\u03bcs', 1e-4],
  ['10ns', 1e-8],
  ['1e3ms', 1],
  ['1.5E3ms', 1.5],
  ['2.5e-1s', 0.25],
  ['.5s', 0.5],
  ['5.s', 5],
];

const REFUSED: Array<[string, string]> = [
  ['10', DURATION_FORM],
  ['1.5', DURATION_FORM],
  ['1e3', DURATION_FORM],
  ['1m30', DURATION_FORM],
  ['', DURATION_FORM],
  ['00', DURATION_FORM],
  ['-1s', DURATION_FORM],
  ['+1s', DURATION_FORM],
  ['1 s', DURATION_FORM],
  ['1S', DURATION_FORM],
  ['1d', DURATION_FORM],
  ['ms', DURATION_FORM],
  ['.s', DURATION_FORM],
  ['1e400s', DURATION_NOT_FINITE],
  ['1e308h', DURATION_NOT_FINITE],
  ['1e308s1e308s', DURATION_NOT_FINITE],
  ['1e300s', DURATION_TOO_LONG],
  ['1000001h', DURATION_TOO_LONG],
];

const cluster = `${nodeYaml('node-a')}${deploymentYaml('web', 1)}${serviceYaml('web', 'LoadBalancer')}`;

/**
 * spec.traffic.warmup (a duration that may be 0) as the Scenario validator reads it: seconds, or
 * the problems it reports. The 100000 requests take 10^4 s to send, longer than every warm-up here.
 */
function scenarioDuration(value: string): { seconds?: number; problems: string[] } {
  const text = (`${cluster}apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: d }
spec:
  traffic: { service: web, rate: 10, requests: 100000, warmup: ${JSON.stringify(value)} }
  pods: [{ serviceTime: 1ms }]
`);
  const { scenario, diagnostics } = checkScenario({ sources: [{ file: 'scenario.yaml', text }], diagnostics: [] });
  return { seconds: scenario?.variants[0].traffic.warmup, problems: diagnostics.map((d) => `${d.path}: ${d.message}`) };
}

/** The pattern the published JSON Schema gives editors for a duration. */
function publishedPattern(): RegExp {
  type Node = { properties: Record<string, Node>; anyOf: Array<{ pattern?: string }> };
  // The Scenario's rules are under $defs: the published schema also takes other Kubernetes objects.
  const spec = (scenarioJsonSchema() as { $defs: { Scenario: Node } }).$defs.Scenario.properties.spec;
  return new RegExp(spec.properties.traffic.properties.warmup.anyOf[1].pattern!);
}

function expectSeconds(got: number | undefined, want: number): void {
  expect(Math.abs(got! - want)).toBeLessThanOrEqual(want * 1e-12);
}

describe('durations read as Go and Kubernetes write them, the same in the schema, parseDuration and --duration', () => {
  test.each(ACCEPTED)('"%s" is %d s', (text, seconds) => {
    expectSeconds(parseDuration(text), seconds);
    const scenario = scenarioDuration(text);
    expect(scenario.problems).toEqual([]);
    expectSeconds(scenario.seconds, seconds);
    expect(publishedPattern().test(text)).toBe(true);
    // --duration is how long to send: 0 would send nothing.
    if (seconds > 0) expect(RUN_OPTIONS.duration.coerce(text)).toBe(text);
    else expect(() => RUN_OPTIONS.duration.coerce(text)).toThrow(`--duration must be greater than 0, got ${JSON.stringify(text)}`);
  });

  test.each(REFUSED)('"%s" is refused: %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(`Invalid value: ${JSON.stringify(text)}: ${message}`);
    expect(scenarioDuration(text).problems).toEqual([`spec.traffic.warmup: Invalid value: ${JSON.stringify(text)}: ${message}`]);
    // Only the form is a pattern's to check; a sum too large for a float64 or svcsim matches it.
    expect(publishedPattern().test(text)).toBe(message !== DURATION_FORM);
    expect(() => RUN_OPTIONS.duration.coerce(text)).toThrow(`--duration ${message}, got ${JSON.stringify(text)}`);
  });

  test('the schema\'s message shows the forms', () => {
    expect(DURATION_FORM).toBe('must be a duration, like "250ms", "1m30s" or "1.5h" (units ns, us, ms, s, m, h)');
    expect(DURATION_NOT_FINITE).toBe('must add up to a finite number of seconds');
    expect(DURATION_TOO_LONG).toBe('must be at most 1000000h');
  });

  test('formatDuration writes what parseDuration reads', () => {
    for (const seconds of [0, 2e-8, 1.5e-5, 0.0002, 1.5, 5400]) expectSeconds(parseDuration(formatDuration(seconds)), seconds);
  });
});
