import type { Topology } from '../model/topology.js';
import type { Scenario } from '../scenario/load-scenario.js';
import { judgeVariant } from '../stats/objectives.js';
import type { ReplicationSummary, RunResults, VariantResult } from '../stats/results.js';
import { summariseReplication, summariseStudy, variantIntervals } from '../stats/study.js';
import { simulateVariant } from './simulate-variant.js';
import { timelineEvents, type TimelineEvent } from './timeline-events.js';

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
export function runTask(scenario: Pick<Scenario, 'seed' | 'variants'>, task: StudyTask, onProgress?: (sent: number) => void): TaskOutcome {
  const result = simulateVariant(scenario.variants[task.variant], scenario.seed, onProgress, task.replication);
  return { task, summary: summariseReplication(result), result: task.replication === 0 ? result : undefined };
}

/** Provenance for run.json: the svcsim version and command line that asked for the run. */
export interface RunMeta {
  version?: string;
  commandLine?: string[];
}

/**
 * What gathering a study's outcomes reads of its Scenario: a Scenario is one, and so is what a
 * shard directory keeps of it (output/shard-files.ts), from which `svcsim merge` gathers.
 */
export interface StudyShape {
  name: string;
  seed: number;
  replications: number;
  objectives: Scenario['objectives'];
  overrideColumns: string[];
  files: Scenario['files'];
  /** A Scenario's variants have their topology, whose timeline gatherResults words; a shard keeps the words. */
  variants: ReadonlyArray<{ name: string; traffic: { timeSeriesInterval?: number }; topology?: Topology; timeline?: TimelineEvent[] }>;
}

/** A Scenario's StudyShape alone, as plain data. */
export function studyShape(scenario: Scenario): StudyShape {
  const { name, seed, replications, objectives, overrideColumns, files } = scenario;
  return { name, seed, replications, objectives, overrideColumns, files,
    variants: scenario.variants.map((v) => ({ name: v.name, traffic: { timeSeriesInterval: v.traffic.timeSeriesInterval }, timeline: timelineEvents(v.topology) })) };
}

/**
 * The results of a study from its tasks' outcomes, in any order: with one replication exactly
 * what a single run of each variant gives; with more, also every replication's summary, means,
 * intervals and paired differences. Verdicts when the Scenario has objectives.
 */
export function gatherResults(scenario: StudyShape, outcomes: readonly TaskOutcome[], meta: RunMeta = {}): RunResults {
  const byVariant = scenario.variants.map(() => [] as TaskOutcome[]);
  for (const o of outcomes) byVariant[o.task.variant].push(o);
  for (const list of byVariant) list.sort((a, b) => a.task.replication - b.task.replication);
  const variants = byVariant.map((list, i) => {
    const first = list[0]?.result;
    if (!first || list.length !== scenario.replications) throw new Error(`variant ${scenario.variants[i].name}: replications missing`);
    const { topology, timeline: words } = scenario.variants[i];
    const timeline = words ?? (topology ? timelineEvents(topology) : []);
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
