import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { outcomeFromData } from './task-outcome-data.js';
import { runTask, type StudyTask, type TaskOutcome } from './study.js';
import { TASK_WORKER_MARK, type TaskReply, type TaskRequest, type TaskStudy, type TaskWorkerSetup } from './task-worker.js';

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
  /** Outcomes with their summary only, without the run's detail (`result`): a planner's probes. */
  summaryOnly?: boolean;
}

/** A task and the Scenario it runs on: a planner's round runs tasks of several Scenarios (one per value tried). */
export interface ScenarioTask {
  scenario: TaskStudy;
  task: StudyTask;
}

/**
 * Runs a list of tasks and returns their outcomes in task order, whatever order they finish in:
 * a study's variants x replications, or a planner's round of probes. A task's random streams
 * depend only on the seed, its replication and its variant, never on the thread or the order it
 * runs in, so the outcomes are the same for every `jobs`. Each worker holds one task's
 * simulation at a time; this thread holds only finished outcomes.
 *
 * node:worker_threads directly, not a pool library: each worker is sent the Scenario once and
 * then only tasks, and streams progress messages back; and the CLI bundle is itself the
 * worker (it loads with its V8 code cache), where piscina or tinypool load their own worker
 * script from node_modules, which a bundle does not carry.
 */
export async function runTasks(scenario: TaskStudy, tasks: readonly StudyTask[], options: TaskRunOptions = {}): Promise<TaskOutcome[]> {
  const study = { seed: scenario.seed, variants: scenario.variants };
  return runScenarioTasks(tasks.map((task) => ({ scenario: study, task })), options);
}

/** runTasks for tasks of several Scenarios, on a pool of its own: see TaskPool. */
export async function runScenarioTasks(tasks: readonly ScenarioTask[], options: TaskRunOptions = {}): Promise<TaskOutcome[]> {
  const pool = new TaskPool(options.jobs ?? 1, options.workerFile);
  try {
    return await pool.run(tasks, options);
  } finally {
    await pool.close();
  }
}

/**
 * Worker threads kept for batch after batch: a planner's rounds start them once, not once a
 * round. A worker is sent a Scenario with its first task of it, then only tasks while they are
 * of the same one. `close` ends the threads (an open pool keeps the process alive).
 */
export class TaskPool {
  private readonly workers: Worker[] = [];
  private readonly sentStudy = new Map<Worker, TaskStudy>();
  /** The batch running now: how it learns of a worker's end. */
  private failBatch: ((error: Error) => void) | undefined;
  private broken: Error | undefined;

  constructor(readonly jobs: number, private readonly file?: string | URL) {
    if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`jobs must be a whole number >= 1, got ${jobs}`);
  }

  /** Runs the tasks, `jobs` at a time (1: in this thread), and gives their outcomes in task order. */
  async run(tasks: readonly ScenarioTask[], options: TaskRunOptions = {}): Promise<TaskOutcome[]> {
    const jobs = Math.min(this.jobs, tasks.length);
    if (jobs <= 1) return tasks.map((t, index) => runInThisThread(t, index, options));
    if (this.broken) throw this.broken;
    while (this.workers.length < jobs) this.start();
    return this.runOnWorkers(tasks, this.workers.slice(0, jobs), options);
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.broken ??= new Error('the task pool is closed');
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start(): void {
    const worker = new Worker(workerFile(this.file), { workerData: { mark: TASK_WORKER_MARK } satisfies TaskWorkerSetup, execArgv: workerExecArgv() });
    const fail = (error: Error) => {
      if (this.broken) return;
      this.broken = error;
      this.failBatch?.(error);
    };
    worker.on('error', (e) => fail(new Error(`a worker thread failed: ${e.message}`)));
    worker.on('exit', (code) => fail(new Error(`a worker thread exited (code ${code}) before the tasks were done`)));
    this.workers.push(worker);
  }

  private runOnWorkers(tasks: readonly ScenarioTask[], workers: Worker[], options: TaskRunOptions): Promise<TaskOutcome[]> {
    const outcomes = new Array<TaskOutcome>(tasks.length);
    let next = 0;
    let finished = 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      const listeners = new Map<Worker, (reply: TaskReply) => void>();
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        this.failBatch = undefined;
        for (const [w, listener] of listeners) w.off('message', listener);
        if (error) {
          // A failed task leaves its siblings running: this pool is done.
          void this.close();
          reject(error);
        } else resolve(outcomes);
      };
      this.failBatch = settle;
      const give = (worker: Worker) => {
        if (next >= tasks.length) return;
        const index = next++;
        const { scenario, task } = tasks[index];
        const known = this.sentStudy.get(worker) === scenario;
        this.sentStudy.set(worker, scenario);
        worker.postMessage({ index, task, study: known ? undefined : scenario, summaryOnly: options.summaryOnly ?? false } satisfies TaskRequest);
      };
      for (const worker of workers) {
        const listener = (reply: TaskReply) => {
          if (settled) return;
          if (reply.kind === 'progress') {
            options.onProgress?.(reply.index, reply.sent);
          } else if (reply.kind === 'failed') {
            settle(new Error(`${taskName(tasks[reply.index])}: ${reply.message}`));
          } else {
            const outcome = outcomeFromData(reply.outcome);
            outcomes[reply.index] = outcome;
            finished += 1;
            options.onTaskDone?.(reply.index, outcome);
            if (finished === tasks.length) settle();
            else give(worker);
          }
        };
        listeners.set(worker, listener);
        worker.on('message', listener);
        give(worker);
      }
    });
  }
}

function runInThisThread({ scenario, task }: ScenarioTask, index: number, options: TaskRunOptions): TaskOutcome {
  const report = options.onProgress;
  const outcome = runTask(scenario, task, report && ((sent) => report(index, sent)));
  const kept = options.summaryOnly ? { task: outcome.task, summary: outcome.summary } : outcome;
  options.onTaskDone?.(index, kept);
  return kept;
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

function taskName({ scenario, task }: ScenarioTask): string {
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
