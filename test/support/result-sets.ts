import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { resultFiles } from '../../src/output/csv-files.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

// Helpers for the tests that signal or race the built svcsim command while it writes results.

export const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'dist', 'svcsim.cjs');
const scenario = 'scenarios/seed-two-nodes.yaml';
/** Small: the tests are about the write phase, not the simulation. */
export const REQUESTS = 200;

/** The files of a run of the seed scenario with this seed, as writeResults would write them. */
export function expectedFiles(seed: number): Map<string, string> {
  return resultFiles(runScenario(loadScenario([scenario], { requests: REQUESTS, seed })));
}

export interface Outcome { code: number | null; signal: NodeJS.Signals | null; err: string }

export interface Run {
  child: ChildProcess;
  /** Resolves when the run stops at SVCSIM_TEST_PAUSE_WRITE's step. */
  paused: Promise<void>;
  ended: Promise<Outcome>;
  /** Lets a paused run go on. */
  resume: () => void;
}

/** Starts `svcsim run` of the seed scenario into `out`; with `pauseAt`, it stops at that step of the write. */
export function startRun(out: string, seed: number, pauseAt?: 'writing' | 'moved-aside' | 'placed'): Run {
  // No NODE_EXTRA_CA_CERTS: the CLI makes no connections, and parsing them costs 0.1 s a start.
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined, SVCSIM_TEST_PAUSE_WRITE: pauseAt };
  const argv = [bin, 'run', scenario, '--requests', String(REQUESTS), '--seed', String(seed), '--out', out, '--no-progress', '--json'];
  const child = spawn(process.execPath, argv, { cwd: repo, env, stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  let onPaused = () => {};
  const paused = new Promise<void>((resolve) => { onPaused = resolve; });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    err += text;
    if (err.includes('svcsim-test: paused at')) onPaused();
  });
  const ended = new Promise<Outcome>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, err })));
  return { child, paused, ended, resume: () => child.stdin!.end() };
}

/**
 * Checks that `out` holds exactly one complete set, every file of it from one run, and returns
 * that run's seed (from run.json; the CSVs must be byte for byte that seed's).
 */
export function seedOfTheOneSet(out: string, sets: Map<number, Map<string, string>>): number {
  const seed = (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { seed: number }).seed;
  const expected = sets.get(seed);
  expect(expected, `run.json's seed ${seed}`).toBeDefined();
  expect(readdirSync(out).sort()).toEqual([...expected!.keys()].sort());
  for (const [name, text] of expected!) {
    if (name !== 'run.json') expect(readFileSync(join(out, name), 'utf8'), `${name} of seed ${seed}`).toBe(text);
  }
  return seed;
}

/** The likely cause when the built command misbehaves: a source file newer than the bundle. */
export function staleBundle(): string {
  const built = statSync(join(repo, 'dist', 'svcsim-cli.cjs')).mtimeMs;
  const newer = readdirSync(join(repo, 'src'), { recursive: true, encoding: 'utf8' })
    .find((f) => statSync(join(repo, 'src', f)).mtimeMs > built);
  return newer === undefined ? '' : `dist/ is older than src/${newer}: npm run build`;
}
