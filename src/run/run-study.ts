import type { Scenario } from '../scenario/load-scenario.js';
import type { RunResults } from '../stats/results.js';
import { gatherResults, studyTasks, type RunMeta } from './study.js';
import { runTasks, type TaskRunOptions } from './task-pool.js';

export interface StudyOptions extends RunMeta, TaskRunOptions {}

/**
 * runScenario on `jobs` threads: every variant x replication as a task (runTasks), gathered in
 * task order, so the results are byte-identical to runScenario's whatever `jobs` is.
 */
export async function runStudy(scenario: Scenario, options: StudyOptions = {}): Promise<RunResults> {
  const outcomes = await runTasks(scenario, studyTasks(scenario.variants.length, scenario.replications), options);
  return gatherResults(scenario, outcomes, options);
}
