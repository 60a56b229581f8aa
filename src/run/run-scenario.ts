import type { Scenario } from '../scenario/load-scenario.js';
import type { RunResults } from '../stats/results.js';
import { metricIndex } from '../stats/summary-metrics.js';
import { gatherResults, runTask, studyTasks, type RunMeta, type StudyTask } from './study.js';

const REQUESTS = metricIndex('requests');

export interface RunOptions extends RunMeta {
  /** Called every 65536 requests sent, and once at the end of each variant's replication. */
  onProgress?: (variant: string, sent: number, total: number | undefined, replication: number) => void;
  /** Called when a task (a variant's replication) has finished: `index` of `tasks`, in task order. */
  onTaskDone?: (task: StudyTask, index: number, tasks: number) => void;
}

/**
 * The one entry point shared by the CLI, the tests and the benchmarks: runs every variant of a
 * checked Scenario, `scenario.replications` times each (a study: variants x replications, as
 * tasks run in order). Pure: it reads no file and no clock; progress goes only to the callbacks.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResults {
  const tasks = studyTasks(scenario.variants.length, scenario.replications);
  const report = options.onProgress;
  const outcomes = tasks.map((task, index) => {
    const variant = scenario.variants[task.variant];
    const total = variant.traffic.requests;
    const outcome = runTask(scenario, task, report && ((sent) => report(variant.name, sent, total, task.replication)));
    report?.(variant.name, outcome.summary.metrics[REQUESTS], total, task.replication);
    options.onTaskDone?.(task, index, tasks.length);
    return outcome;
  });
  return gatherResults(scenario, outcomes, options);
}
