import { availableParallelism } from 'node:os';

/** Studies sending fewer requests than this in all run in this thread unless --jobs says otherwise. */
const SMALL_STUDY = 100_000;

/**
 * --jobs by default, for `run` and each round of `plan`: the machine's available parallelism,
 * but 1 for a small batch of runs (their requests known and under SMALL_STUDY in all): a worker
 * thread costs about 50 ms of CPU and 30 MB to start (bench/RESULTS.md), more than a small
 * batch would save.
 */
export function defaultJobs(requests: ReadonlyArray<number | undefined>): number {
  const total = requests.reduce<number>((sum, r) => sum + (r ?? Infinity), 0);
  return total < SMALL_STUDY ? 1 : availableParallelism();
}
