import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/load-scenario.js';
import { outcomeToData, type TaskOutcomeData } from './task-outcome-data.js';
import { runTask, type StudyTask } from './study.js';

/** What a task worker is started with (its workerData). */
export interface TaskWorkerSetup {
  mark: typeof TASK_WORKER_MARK;
}

/** The part of a Scenario a task needs: posted to a worker with its first task of that Scenario, not with every task. */
export type TaskStudy = Pick<Scenario, 'seed' | 'variants'>;

export const TASK_WORKER_MARK = 'svcsim-task-worker';

/** The pool's message to a worker: run tasks[index], of `study` when given, else of the last study given. */
export interface TaskRequest {
  index: number;
  task: StudyTask;
  study?: TaskStudy;
  /** Keep only the summary (a planner's probe): no detail crosses back. */
  summaryOnly: boolean;
}

/** A worker's messages: a task's progress, its outcome, or why it failed. */
export type TaskReply =
  | { kind: 'progress'; index: number; sent: number }
  | { kind: 'done'; index: number; outcome: TaskOutcomeData }
  | { kind: 'failed'; index: number; message: string };

/**
 * True in a thread the pool started (task-pool.ts): the CLI bundle is its own worker, so that a
 * worker loads the one bundle with its code cache, and checks this before doing anything else.
 */
export function isTaskWorker(): boolean {
  return !isMainThread && (workerData as Partial<TaskWorkerSetup> | undefined)?.mark === TASK_WORKER_MARK;
}

/** Runs the tasks the pool posts, one at a time, until the pool ends the thread. */
export function serveTasks(): void {
  const port = parentPort!;
  let study: TaskStudy | undefined;
  port.on('message', (request: TaskRequest) => {
    const { index, task, summaryOnly } = request;
    study = request.study ?? study;
    let reply: TaskReply;
    try {
      const outcome = runTask(study!, task, (sent) => port.postMessage({ kind: 'progress', index, sent } satisfies TaskReply));
      reply = { kind: 'done', index, outcome: outcomeToData(summaryOnly ? { task: outcome.task, summary: outcome.summary } : outcome) };
    } catch (e) {
      reply = { kind: 'failed', index, message: (e as Error).stack ?? String(e) };
    }
    // The time series' pages move to the main thread rather than being copied: this thread is done with them.
    const pages = reply.kind === 'done' ? reply.outcome.result?.timeSeries?.pages ?? [] : [];
    port.postMessage(reply, pages.map((p) => p.buffer as ArrayBuffer));
  });
}
