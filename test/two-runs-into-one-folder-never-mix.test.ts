import { readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedFiles, type Run, seedOfTheOneSet, staleBundle, startRun } from './support/result-sets.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
const runs: Run[] = [];
const sets = new Map<number, Map<string, string>>();

beforeAll(() => {
  for (const seed of [1, 2]) sets.set(seed, expectedFiles(seed));
});
afterAll(() => {
  for (const run of runs) run.child.kill('SIGKILL');
  temp.removeAll();
});

function start(out: string, seed: number, pauseAt?: 'writing'): Run {
  const run = startRun(out, seed, pauseAt);
  runs.push(run);
  return run;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.concurrent('two runs into one --out', () => {
  test('the second fails at once with exit 75 naming the first, which then writes its set', async () => {
    const out = join(temp.make('svcsim-two-runs-'), 'out');
    const first = start(out, 1, 'writing');
    await first.paused;

    const second = await start(out, 2).ended;
    expect(second.code, `${second.err}${staleBundle()}`).toBe(75);
    expect(second.err).toMatch(new RegExp(`^svcsim: ${literal(out)} is being written by another svcsim run \\(pid ${first.child.pid} on ${literal(hostname())}, `
      + 'since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\); wait for it to finish or choose another --out\\n$'));

    first.resume();
    expect((await first.ended).code).toBe(0);
    expect(seedOfTheOneSet(out, sets)).toBe(1);
    expect(readdirSync(join(out, '..'))).toEqual(['out']);
  }, 10_000);

  test('started together, each ends 0 or 75 and the folder holds the set of one that ended 0', async () => {
    const out = join(temp.make('svcsim-two-runs-'), 'out');
    const [a, b] = await Promise.all([start(out, 1).ended, start(out, 2).ended]);
    expect([a.code, b.code].every((c) => c === 0 || c === 75), `${a.err}${b.err}`).toBe(true);
    const seed = seedOfTheOneSet(out, sets);
    expect((seed === 1 ? a : b).code).toBe(0);
    expect(readdirSync(join(out, '..'))).toEqual(['out']);
  }, 10_000);
});
