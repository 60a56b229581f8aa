import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../scenario/load-scenario.js';
import { outcomeFromData } from './task-outcome-data.js';
import { runTask, type StudyTask, type TaskOutcome } from './study.js';
import { TASK_WORKER_MARK, type TaskReply, type TaskRequest, type TaskWorkerSetup } from './task-worker.js';

/** Set by the bundler (scripts/build.mjs): the file, beside the CLI bundle, that a worker thread starts from. */
declare const SVCSIM_WORKER_FILE: string | undefined;

export interface TaskRunOptions {
  /** Tasks run at once: 1 (the default) runs them one after another in this thread; more on that many worker threads. */
  jobs?: number;
  /** A task's requests sent so far: every 65536 requests, from whichever thread runs it. */
  onProgress?: (index: number, sent: number) => void;
  /** tasks[index] has finished, in completion order (which differs from task order with jobs > 1). */
  onTaskDone?: (index: number, outcome: TaskOutcome) => void;
  /** The worker's entry file: the default is found beside this module (or the CLI bundle); tests running the sources name a built one. */
  workerFile?: string | URL;
}

/**
 * Runs a list of tasks and returns their outcomes in task order, whatever order they finish in:
 * a study's variants x replications, or a planner's round of probes. A task's random streams
 * depend only on the seed, its replication and its variant, never on the thread or the order it
 * runs in, so the outcomes are the same for every `jobs`. Each worker holds one task's
 * simulation at a time; this thread holds only finished outcomes.
 *
 * node:worker_threads directly, not a pool library: each worker is sent the Scenario once and
 * then only task numbers, and streams progress messages back; and the CLI bundle is itself the
 * worker (it loads with its V8 code cache), where piscina or tinypool load their own worker
 * script from node_modules, which a bundle does not carry.
 */
export async function runTasks(scenario: Pick<Scenario, 'seed' | 'variants'>, tasks: readonly StudyTask[],
  options: TaskRunOptions = {}): Promise<TaskOutcome[]> {
  const requested = options.jobs ?? 1;
  if (!(Number.isInteger(requested) && requested >= 1)) throw new RangeError(`jobs must be a whole number >= 1, got ${requested}`);
  const jobs = Math.min(requested, tasks.length);
  if (jobs <= 1) return tasks.map((task, index) => runInThisThread(scenario, task, index, options));
  return runOnWorkers(scenario, tasks, jobs, options);
}

function runInThisThread(scenario: Pick<Scenario, 'seed' | 'variants'>, task: StudyTask, index: number, options: TaskRunOptions): TaskOutcome {
  const report = options.onProgress;
  const outcome = runTask(scenario, task, report && ((sent) => report(index, sent)));
  options.onTaskDone?.(index, outcome);
  return outcome;
}

function runOnWorkers(scenario: Pick<Scenario, 'seed' | 'variants'>, tasks: readonly StudyTask[], jobs: number,
  options: TaskRunOptions): Promise<TaskOutcome[]> {
  const file = workerFile(options.workerFile);
  const setup: TaskWorkerSetup = { mark: TASK_WORKER_MARK, study: { seed: scenario.seed, variants: scenario.variants } };
  const outcomes = new Array<TaskOutcome>(tasks.length);
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(outcomes);
    };
    const give = (worker: Worker) => {
      if (next < tasks.length) worker.postMessage({ index: next, task: tasks[next++] } satisfies TaskRequest);
    };
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(file, { workerData: setup, execArgv: workerExecArgv() });
      workers.push(worker);
      worker.on('message', (reply: TaskReply) => {
        if (settled) return;
        if (reply.kind === 'progress') {
          options.onProgress?.(reply.index, reply.sent);
        } else if (reply.kind === 'failed') {
          settle(new Error(`${taskName(scenario, tasks[reply.index])}: ${reply.message}`));
        } else {
          const outcome = outcomeFromData(reply.outcome);
          outcomes[reply.index] = outcome;
          finished += 1;
          options.onTaskDone?.(reply.index, outcome);
          if (finished === tasks.length) settle();
          else give(worker);
        }
      });
      worker.on('error', (e) => settle(new Error(`a worker thread failed: ${e.message}`)));
      worker.on('exit', (code) => settle(new Error(`a worker thread exited (code ${code}) before the tasks were done`)));
      give(worker);
    }
  });
}

/**
 * The parent's Node options for a worker, which takes them by default, but --input-type: Node
 * refuses it in a worker (it is for -e and stdin), so an `node --input-type=module -e` importer
 * of svcsim could not start one.
 */
function workerExecArgv(): string[] {
  const kept: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const a = process.execArgv[i];
    if (a === '--input-type') i += 1;
    else if (!a.startsWith('--input-type=')) kept.push(a);
  }
  return kept;
}

function taskName(scenario: Pick<Scenario, 'variants'>, task: StudyTask): string {
  return `variant ${scenario.variants[task.variant].name}, replication ${task.replication}`;
}

/**
 * The bundle's bin beside it; the library's own worker entry beside this module; and from the
 * TypeScript sources (the tests), which Node 20 cannot start a worker from, the built bin.
 */
function workerFile(given: string | URL | undefined): string {
  const here = import.meta.url;
  const url = given ?? (typeof SVCSIM_WORKER_FILE === 'string' ? new URL(SVCSIM_WORKER_FILE, here)
    : here.endsWith('.ts') ? new URL('../../dist/svcsim.cjs', here)
    : new URL('./task-worker-main.js', here));
  const path = url instanceof URL ? fileURLToPath(url) : url;
  // Checked here: a Worker given a missing file fails later, with a message about modules.
  if (!existsSync(path)) throw new Error(`cannot run tasks on worker threads: ${path} is missing (built by "npm run build"); --jobs 1 runs without them`);
  return path;
}
