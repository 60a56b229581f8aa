import type { Scenario } from '../scenario/load-scenario.js';
import { judgeVariant } from '../stats/objectives.js';
import type { ReplicationSummary, RunResults, VariantResult } from '../stats/results.js';
import { summariseReplication, summariseStudy, variantIntervals } from '../stats/study.js';
import { simulateVariant } from './simulate-variant.js';
import { timelineEvents } from './timeline-events.js';

/**
 * One simulation of a study: a variant of the Scenario (by index) in one replication. Plain data,
 * so a task can be posted to a worker, and a sweep or a planner can make its own list of tasks.
 */
export interface StudyTask {
  variant: number;
  /** Streams keyed by (seed, replication, name): 0 is the run a single replication makes. */
  replication: number;
}

/** Every variant x replication, variant by variant: the order results are gathered in. */
export function studyTasks(variants: number, replications: number): StudyTask[] {
  return Array.from({ length: variants * replications }, (_, i) => ({ variant: Math.floor(i / replications), replication: i % replications }));
}

/** What a study keeps of a task: its summary metrics, and the whole result of replication 0 alone (the detail files). */
export interface TaskOutcome {
  task: StudyTask;
  summary: ReplicationSummary;
  result?: VariantResult;
}

/** Runs one task. Pure, like runScenario: progress goes only to the callback. */
export function runTask(scenario: Scenario, task: StudyTask, onProgress?: (sent: number) => void): TaskOutcome {
  const result = simulateVariant(scenario.variants[task.variant], scenario.seed, onProgress, task.replication);
  return { task, summary: summariseReplication(result), result: task.replication === 0 ? result : undefined };
}

/** Provenance for run.json: the svcsim version and command line that asked for the run. */
export interface RunMeta {
  version?: string;
  commandLine?: string[];
}

/**
 * The results of a study from its tasks' outcomes, in any order: with one replication exactly
 * what a single run of each variant gives; with more, also every replication's summary, means,
 * intervals and paired differences. Verdicts when the Scenario has objectives.
 */
export function gatherResults(scenario: Scenario, outcomes: readonly TaskOutcome[], meta: RunMeta = {}): RunResults {
  const byVariant = scenario.variants.map(() => [] as TaskOutcome[]);
  for (const o of outcomes) byVariant[o.task.variant].push(o);
  for (const list of byVariant) list.sort((a, b) => a.task.replication - b.task.replication);
  const variants = byVariant.map((list, i) => {
    const first = list[0]?.result;
    if (!first || list.length !== scenario.replications) throw new Error(`variant ${scenario.variants[i].name}: replications missing`);
    const timeline = timelineEvents(scenario.variants[i].topology);
    return timeline.length > 0 ? { ...first, timeline } : first;
  });
  const study = scenario.replications > 1
    ? summariseStudy(byVariant.map((list, i) => ({ name: scenario.variants[i].name, replications: list.map((o) => o.summary) })))
    : undefined;
  const intervals = variants.map((v, i) => study?.variants[i].intervals ?? variantIntervals(v));
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    overrideColumns: scenario.overrideColumns,
    variants,
    timeSeriesInterval: scenario.variants[0]?.traffic.timeSeriesInterval,
    meta: { version: meta.version ?? '', files: scenario.files, commandLine: meta.commandLine ?? [] },
    study,
    slo: scenario.objectives.length > 0
      ? { objectives: scenario.objectives, verdicts: variants.map((v, i) => judgeVariant(v.name, scenario.objectives, intervals[i])) }
      : undefined,
  };
}
