import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './run-cli.js';

/**
 * The seed with three replica counts under both policies, two replications and an objective: a
 * sweep (replicas is a compared field with three numeric values) with intervals and verdicts.
 */
export function writeSeedSweep(dir: string): string {
  const seed = readFileSync('scenarios/seed-two-nodes.yaml', 'utf8')
    .replace('  seed: 1\n', '  seed: 1\n  replications: 2\n  slo: ["p99<=100ms"]\n')
    .replace('    spec.externalTrafficPolicy: [Cluster, Local]', '    spec.externalTrafficPolicy: [Cluster, Local]\n    Deployment/hostname-deployment:spec.replicas: [3, 4, 5]');
  const path = join(dir, 'seed-sweep.yaml');
  writeFileSync(path, seed);
  return path;
}

/** The seed with node B failing at 5 s and recovering at 10 s: a time series with events, drops and failures. */
export function writeSeedFailure(dir: string): string {
  const seed = readFileSync('scenarios/seed-two-nodes.yaml', 'utf8')
    .replace('  compare:\n', '  timeline:\n    - { at: 5s, nodeFailure: { node: node-b } }\n    - { at: 10s, nodeRecovery: { node: node-b } }\n  compare:\n');
  const path = join(dir, 'seed-failure.yaml');
  writeFileSync(path, seed);
  return path;
}

/** A small plan: the seed's load, p99 <= 200 ms, up to 12 replicas (Cluster needs 4, Local 5); --out to add. */
export const SMALL_PLAN = ['plan', 'scenarios/plan-seed.yaml', '--vary', 'Deployment/hostname-deployment:spec.replicas', '--slo', 'p99<=200ms',
  '--requests', '1000', '--replications', '2', '--max', '12', '--no-progress'];

/** Runs svcsim in-process into `out` and returns the folder; throws with what it printed if the run fails. */
export async function runInto(out: string, ...args: string[]): Promise<string> {
  const r = await cli('run', ...args, '--out', out, '--no-progress');
  if (r.code !== 0) throw new Error(`svcsim run ${args.join(' ')} exited ${r.code}: ${r.err}`);
  return out;
}
