import { runTask, type TaskOutcome } from '../run/study.js';
import type { Scenario } from '../scenario/load-scenario.js';
import { judgeVariant } from '../stats/objectives.js';
import type { MetricInterval, Objective, VariantVerdict } from '../stats/results.js';
import { summariseStudy } from '../stats/study.js';
import { theoryAt, type TheoryPoint } from './theory.js';
import { ValueSearch } from './value-search.js';

/** What to plan: the field varied (a whole number), its bounds, the objectives every variant must meet. */
export interface PlanRequest {
  /** The compare-style key of the field varied: "Deployment/web:spec.replicas". */
  vary: string;
  min: number;
  max: number;
  /** Replications of every point tried (at least 2: a point meets the objectives by its intervals). */
  replications: number;
  objectives: Objective[];
}

/**
 * One simulation of the planner: a variant of the Scenario at one value of the varied field, in
 * one replication. Plain data, like StudyTask: the Scenario at `value` and the task are all a
 * worker needs to run it (runPlanTask).
 */
export interface PlanTask {
  value: number;
  variant: number;
  replication: number;
}

/** The Scenario with the varied field at `value`, or why that value is refused (the input's own checks). */
export type ScenarioAt = (value: number) => { scenario: Scenario } | { refused: string };

/** Runs a round's tasks, in any order or at once, and gives back their outcomes. */
export type RunRound = (round: ReadonlyArray<{ task: PlanTask; scenario: Scenario }>) => TaskOutcome[];

/** Runs one task: what runTask runs, keeping the summary only (points are many, their detail is not reported). */
export function runPlanTask(scenario: Scenario, task: PlanTask, onProgress?: (sent: number) => void): TaskOutcome {
  const { summary } = runTask(scenario, { variant: task.variant, replication: task.replication }, onProgress);
  return { task: { variant: task.variant, replication: task.replication }, summary };
}

/** The rounds run one task after another, in this thread. */
export const runRoundInTurn: RunRound = (round) => round.map(({ task, scenario }) => runPlanTask(scenario, task));

/** One value of the varied field for one variant: what theory said, and what the simulation found. */
export interface PlanPoint {
  value: number;
  /** undefined when the Scenario refuses the value. */
  theory?: TheoryPoint;
  /** The reason the value cannot be run (the input's own check), if it cannot. */
  refused?: string;
  /** Simulated: the metrics over the replications (indexed like SUMMARY_COLUMNS) and the verdict. */
  intervals?: MetricInterval[];
  verdict?: VariantVerdict;
  /** Meets every objective with confidence (verdict pass). */
  meets: boolean;
  /** The search round that tried it (0: not simulated, decided by theory). */
  round: number;
}

export interface PlanVariant {
  name: string;
  /** The compared fields' values, by column, as in summary.csv. */
  overrides: Record<string, string>;
  /** Where theory started the search. */
  start: number;
  /** The smallest value that meets every objective with confidence; undefined if none up to max does. */
  answer?: number;
  /** Every value tried, by value. */
  points: PlanPoint[];
}

export interface PlanResults {
  scenario: string;
  seed: number;
  request: PlanRequest;
  overrideColumns: string[];
  variants: PlanVariant[];
  /** Simulations run, points x replications. */
  tasks: number;
}

/** Told after every round: tasks run so far, and an estimate of those still to come. */
export type PlanProgress = (done: number, estimatedLeft: number) => void;

/**
 * Finds, for every variant of the Scenario, the smallest value of the varied field in
 * [min, max] that meets every objective with confidence. Queueing theory (theory.ts) brackets
 * first: values where it finds a pod unstable are not simulated when every objective is about
 * latency or utilization (an unstable pod fails those at any run length), and the search starts
 * at the first value theory says meets the objectives. Then a ValueSearch per variant proposes
 * values; each round runs every variant's next value in every replication, as one batch of
 * tasks. Pure: the Scenario at a value and the running of a round are given.
 */
export function planCapacity(request: PlanRequest, scenarioAt: ScenarioAt, runRound: RunRound = runRoundInTurn,
  onRound?: PlanProgress): PlanResults {
  const built = new Map<number, ReturnType<ScenarioAt>>();
  const at = (value: number) => {
    if (!built.has(value)) built.set(value, scenarioAt(value));
    return built.get(value)!;
  };
  const theory = (value: number, variant: number): TheoryPoint | undefined => {
    const b = at(value);
    return 'scenario' in b ? theoryAt(b.scenario.variants[variant], request.objectives) : undefined;
  };
  const first = at(request.min);
  const base = 'scenario' in first ? first.scenario : firstRunnable(request, at);
  const skipUnstable = request.objectives.every((o) => o.metric.startsWith('latency_') || o.metric === 'pod_util_max');

  const searches = base.variants.map((_, v) => {
    const lowest = skipUnstable ? firstValue(request, (x) => theory(x, v)?.stable === true) ?? request.max + 1 : request.min;
    const start = firstValue(request, (x) => theory(x, v)?.meets === true) ?? request.max;
    return { lowest, start, search: new ValueSearch(Math.min(lowest, request.max + 1), request.max, Math.max(start, lowest)) };
  });
  const points = base.variants.map(() => new Map<number, PlanPoint>());
  let round = 0;
  let tasks = 0;
  const left = () => searches.reduce((n, s) => n + s.search.remaining(), 0) * request.replications;
  onRound?.(0, left());
  for (;;) {
    const wanted = searches.map((s) => s.search.next());
    if (wanted.every((x) => x === undefined)) break;
    round += 1;
    const batch: Array<{ task: PlanTask; scenario: Scenario }> = [];
    wanted.forEach((value, v) => {
      if (value === undefined) return;
      const b = at(value);
      if ('refused' in b) {
        points[v].set(value, { value, refused: b.refused, meets: false, round });
        return;
      }
      for (let r = 0; r < request.replications; r++) batch.push({ task: { value, variant: v, replication: r }, scenario: b.scenario });
    });
    const outcomes = runRound(batch);
    tasks += outcomes.length;
    wanted.forEach((value, v) => {
      if (value === undefined) return;
      const b = at(value);
      if ('scenario' in b) {
        // A round tries one value per variant: its outcomes are that value's.
        const mine = outcomes.filter((o) => o.task.variant === v);
        points[v].set(value, judgePoint(value, b.scenario, v, mine, request, round));
      }
      searches[v].search.record(value, points[v].get(value)!.meets);
    });
    onRound?.(tasks, left());
  }
  return {
    scenario: base.name,
    seed: base.seed,
    request,
    overrideColumns: base.overrideColumns,
    variants: base.variants.map((variant, v) => {
      const { search, lowest, start } = searches[v];
      const answer = search.answer();
      // The value below the answer that theory (or the input) alone ruled out is evidence too.
      if (answer !== undefined && answer === lowest && answer > request.min && !points[v].has(answer - 1)) {
        const below = at(answer - 1);
        points[v].set(answer - 1, { value: answer - 1, theory: theory(answer - 1, v), refused: 'refused' in below ? below.refused : undefined, meets: false, round: 0 });
      }
      // No value theory finds stable (or the input accepts): the top one says why none was simulated.
      if (points[v].size === 0) {
        const top = at(request.max);
        points[v].set(request.max, { value: request.max, theory: theory(request.max, v), refused: 'refused' in top ? top.refused : undefined, meets: false, round: 0 });
      }
      return {
        name: variant.name, overrides: variant.overrides, start, answer,
        points: [...points[v].values()].sort((a, b) => a.value - b.value),
      };
    }),
    tasks,
  };
}

function judgePoint(value: number, scenario: Scenario, v: number, outcomes: TaskOutcome[], request: PlanRequest, round: number): PlanPoint {
  const variant = scenario.variants[v];
  const replications = [...outcomes].sort((a, b) => a.task.replication - b.task.replication).map((o) => o.summary);
  const [study] = summariseStudy([{ name: variant.name, replications }]).variants;
  const verdict = judgeVariant(variant.name, request.objectives, study.intervals);
  return { value, theory: theoryAt(variant, request.objectives), intervals: study.intervals, verdict, meets: verdict.verdict === 'pass', round };
}

/**
 * The smallest value in [min, max] where `holds` (assumed monotone: false, then true), by
 * galloping then bisection over the Scenarios built so far; undefined when it holds nowhere.
 */
function firstValue(request: PlanRequest, holds: (value: number) => boolean): number | undefined {
  if (!holds(request.max)) return undefined;
  let low = request.min - 1;
  let high = request.max;
  let step = 1;
  while (low + step < high && !holds(low + step)) { low += step; step *= 2; }
  high = Math.min(high, low + step);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (holds(mid)) high = mid;
    else low = mid;
  }
  return high;
}

/** A Scenario at some value, to name the variants by; an error when every value tried is refused. */
function firstRunnable(request: PlanRequest, at: ScenarioAt): Scenario {
  const b = at(request.max);
  if ('scenario' in b) return b.scenario;
  throw new Error(`${request.vary}: the Scenario is refused at ${request.min} and at ${request.max}: ${b.refused}`);
}
