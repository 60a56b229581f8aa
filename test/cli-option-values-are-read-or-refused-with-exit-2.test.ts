import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_WHOLE_NUMBER, scenarioJsonSchema } from '../src/scenario/scenario-schema.js';
import { cli } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());
const tempDir = () => temp.make();

const SEED = 'scenarios/seed-two-nodes.yaml';
const usage = (message: string) => `svcsim: ${message}\nRun "svcsim --help" for usage.\n`;

const REFUSED: Array<[string[], string]> = [
  [['--requests', 'abc'], '--requests must be a positive whole number (like 1000000 or 1e6), got "abc"'],
  [['--requests', '1.5'], '--requests must be a positive whole number (like 1000000 or 1e6), got "1.5"'],
  [['--requests', '0'], '--requests must be a positive whole number (like 1000000 or 1e6), got "0"'],
  [['--requests', '-3'], '--requests must be a positive whole number (like 1000000 or 1e6), got "-3"'],
  [['--requests', '0x10'], '--requests must be a positive whole number (like 1000000 or 1e6), got "0x10"'],
  [['--requests', '9007199254740992'], '--requests must be at most 9007199254740991, got "9007199254740992"'],
  [['--requests', '1e400'], '--requests must be at most 9007199254740991, got "1e400"'],
  [['--requests', '5', '--requests', '6'], '--requests may be given once, got "5" and "6"'],
  [['--seed', '1.5'], '--seed must be a non-negative whole number (like 1 or 42), got "1.5"'],
  [['--seed', 'abc'], '--seed must be a non-negative whole number (like 1 or 42), got "abc"'],
  [['--seed', '-1'], '--seed must be a non-negative whole number (like 1 or 42), got "-1"'],
  [['--duration', '10'], '--duration must be a duration, like "250ms", "1m30s" or "1.5h" (units ns, us, ms, s, m, h), got "10"'],
  [['--duration', '1e400s'], '--duration must add up to a finite number of seconds, got "1e400s"'],
];

describe('svcsim run reads --requests, --seed and --duration before running, or exits 2 naming the option', () => {
  test.each(REFUSED)('%j is a bad command line', async (options, message) => {
    const out = join(tempDir(), 'never');
    const r = await cli('run', SEED, ...options, '--out', out);
    expect(r.err).toBe(usage(message));
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('--requests 1e3 sends 1000 requests and --seed 1e3 seeds with 1000', async () => {
    const r = await cli('run', SEED, '--requests', '1e3', '--seed', '1e3', '--variant', 'Local', '--json', '--out', tempDir());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.seed).toBe(1000);
    expect(json.variants.map((v: { requests: number }) => v.requests)).toEqual([1000]);
  });

  test('--duration 1m30s runs exactly as --duration 90s', async () => {
    const run = async (duration: string) => {
      const r = await cli('run', SEED, '--duration', duration, '--variant', 'Local', '--json', '--out', tempDir());
      expect(r.code).toBe(0);
      return JSON.parse(r.out).variants;
    };
    const ninety = await run('90s');
    expect(ninety[0].requests).toBeGreaterThan(0);
    expect(await run('1m30s')).toEqual(ninety);
  });

  test('--requests and --seed stop where the published schema stops spec.traffic.requests and spec.seed', () => {
    type Node = { properties: Record<string, Node>; maximum?: number };
    // The Scenario's rules are under $defs: the published schema also takes other Kubernetes objects.
    const spec = (scenarioJsonSchema() as { $defs: { Scenario: Node } }).$defs.Scenario.properties.spec;
    expect(spec.properties.traffic.properties.requests.maximum).toBe(MAX_WHOLE_NUMBER);
    expect(spec.properties.seed.maximum).toBe(MAX_WHOLE_NUMBER);
  });
});
