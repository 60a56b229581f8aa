import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeResults } from '../src/output/csv-files.js';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { expectedFiles, REQUESTS, type Run, seedOfTheOneSet, staleBundle, startRun } from './support/result-sets.js';
import { TempDirs } from './support/temp-dirs.js';

// Each run stops at a step of its write (SVCSIM_TEST_PAUSE_WRITE) and is signalled there. The
// folder starts with seed 1's set; the signalled run writes seed 2's, the next run seed 3's.
const OLD = 1;
const NEW = 2;
const NEXT = 3;

const temp = new TempDirs();
const runs: Run[] = [];
const sets = new Map<number, Map<string, string>>();

beforeAll(() => {
  for (const seed of [OLD, NEW, NEXT]) sets.set(seed, expectedFiles(seed));
});
afterAll(() => {
  for (const run of runs) run.child.kill('SIGKILL');
  temp.removeAll();
});

/** A folder `out` holding seed 1's set, alone in its parent. */
async function folderWithTheOldSet(): Promise<string> {
  const out = join(temp.make('svcsim-signals-'), 'out');
  await writeResults(out, runScenario(loadScenario(['scenarios/seed-two-nodes.yaml'], { requests: REQUESTS, seed: OLD })));
  return out;
}

function start(out: string, seed: number, pauseAt?: 'writing' | 'moved-aside' | 'placed'): Run {
  const run = startRun(out, seed, pauseAt);
  runs.push(run);
  return run;
}

const beside = (out: string) => readdirSync(join(out, '..')).sort();

describe.concurrent('SIGINT and SIGTERM during the write', () => {
  const cases = [
    { step: 'writing', kept: OLD },
    { step: 'moved-aside', kept: OLD },
    { step: 'placed', kept: NEW },
  ] as const;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const { step, kept } of cases) {
      test(`${signal} when ${step} exits ${signal === 'SIGINT' ? 130 : 143} with seed ${kept}'s set and nothing beside it`, async () => {
        const out = await folderWithTheOldSet();
        const run = start(out, NEW, step);
        await run.paused;
        run.child.kill(signal);
        const { code, err } = await run.ended;
        expect(code, `${err}${staleBundle()}`).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(seedOfTheOneSet(out, sets)).toBe(kept);
        expect(beside(out)).toEqual(['out']);
      }, 10_000);
    }
  }
});

describe.concurrent('SIGKILL during the write', () => {
  test('when writing: the old set stays, and the next run removes the temporary folder and the lock', async () => {
    const out = await folderWithTheOldSet();
    const killed = start(out, NEW, 'writing');
    await killed.paused;
    killed.child.kill('SIGKILL');
    expect((await killed.ended).signal, staleBundle()).toBe('SIGKILL');
    expect(seedOfTheOneSet(out, sets)).toBe(OLD);
    expect(beside(out)).toEqual(['.out.svcsim-lock', expect.stringMatching(/^\.out\.svcsim-tmp-\d+-[0-9a-f]+$/), 'out']);

    const next = await start(out, NEXT).ended;
    expect(next).toEqual({ code: 0, signal: null, err: `svcsim: removed 1 folder(s) that interrupted runs left beside ${out}\n` });
    expect(seedOfTheOneSet(out, sets)).toBe(NEXT);
    expect(beside(out)).toEqual(['out']);
  }, 10_000);

  test('between the two renames: the next run restores the old set before it writes its own', async () => {
    const out = await folderWithTheOldSet();
    const killed = start(out, NEW, 'moved-aside');
    await killed.paused;
    killed.child.kill('SIGKILL');
    expect((await killed.ended).signal, staleBundle()).toBe('SIGKILL');
    expect(beside(out)).toEqual([
      '.out.svcsim-lock', expect.stringMatching(/^\.out\.svcsim-old-\d+-[0-9a-f]+$/), expect.stringMatching(/^\.out\.svcsim-tmp-\d+-[0-9a-f]+$/),
    ]);

    const next = start(out, NEXT, 'writing');
    await next.paused;
    expect(seedOfTheOneSet(out, sets)).toBe(OLD);
    next.resume();
    const { code, err } = await next.ended;
    expect(code).toBe(0);
    expect(err).toBe(`svcsim: restored ${out}, which an interrupted run had moved aside\n`
      + `svcsim: removed 1 folder(s) that interrupted runs left beside ${out}\nsvcsim-test: paused at writing\n`);
    expect(seedOfTheOneSet(out, sets)).toBe(NEXT);
    expect(beside(out)).toEqual(['out']);
  }, 10_000);

  test('once the new set is in place: it stays, and the next run removes the old one and the lock', async () => {
    const out = await folderWithTheOldSet();
    const killed = start(out, NEW, 'placed');
    await killed.paused;
    killed.child.kill('SIGKILL');
    expect((await killed.ended).signal, staleBundle()).toBe('SIGKILL');
    expect(seedOfTheOneSet(out, sets)).toBe(NEW);
    expect(beside(out)).toEqual(['.out.svcsim-lock', expect.stringMatching(/^\.out\.svcsim-old-\d+-[0-9a-f]+$/), 'out']);

    expect((await start(out, NEXT).ended).code).toBe(0);
    expect(seedOfTheOneSet(out, sets)).toBe(NEXT);
    expect(beside(out)).toEqual(['out']);
  }, 10_000);
});
