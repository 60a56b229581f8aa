import { durationProblem, parseDuration } from '../scenario/durations.js';
import { MAX_REPLICATIONS, MAX_WHOLE_NUMBER } from '../scenario/scenario-schema.js';
import { distinctObjectives, parseObjective } from '../scenario/slo-text.js';
import type { Objective } from '../stats/results.js';
import { outDirProblem } from './out-dir.js';

/**
 * The CLI's options, declared as data: yargs reads them, the README documents them. Each value
 * is read by its `coerce`; one that throws is a bad command line (exit 2), before anything runs.
 * Numbers are declared as strings so a message can quote what was typed. `validate` takes the
 * same options as `run` (but --json and --progress), so it can check exactly the run to come.
 */
export const CHECK_OPTIONS = {
  seed: { type: 'string', coerce: seedValue, describe: 'Seed of every random stream, a whole number >= 0 (overrides spec.seed)' },
  requests: { type: 'string', coerce: requestsValue, describe: 'Requests to send per variant, e.g. 1000000 or 1e6 (overrides spec.traffic)' },
  duration: { type: 'string', coerce: durationValue, describe: 'Simulated time to send for, e.g. "60s" or "1m30s" (overrides spec.traffic)' },
  replications: { type: 'string', coerce: replicationsValue, describe: `Independent runs of every variant, 1 to ${MAX_REPLICATIONS}: means with 95% intervals and paired differences (overrides spec.replications)` },
  slo: { type: 'string', array: true, coerce: sloValue, describe: 'Service-level objectives, e.g. "p99<=50ms" (repeatable or comma-separated; replaces spec.slo)' },
  check: { type: 'boolean', default: false, describe: 'Exit 3 when a variant fails an objective' },
  out: { type: 'string', coerce: outValue, describe: 'Directory for the CSV files (default: results/<scenario name>/)' },
  variant: { type: 'string', array: true, describe: 'Run only this variant (repeatable)' },
  'allow-large': { type: 'boolean', default: false,
    describe: 'Run what exceeds svcsim\'s run limits (requests, events, simulated time, memory, pods, nodes, variants; the README lists them): it may take hours or run out of memory' },
} as const;

export const RUN_OPTIONS = {
  ...CHECK_OPTIONS,
  json: { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout instead of tables' },
  progress: { type: 'boolean', default: true, describe: 'Show a progress bar on a terminal (--no-progress to hide)' },
  report: { type: 'boolean', default: false, describe: 'Also write report.html: the results as charts in one self-contained page (svcsim report rebuilds it)' },
  jobs: { type: 'string', coerce: jobsValue,
    describe: 'Runs (variants x replications) at once, on worker threads; 1 runs them one after another in this thread (default: the machine\'s available parallelism, or 1 for a study of under 100,000 requests in all). The results are the same for every value' },
  shard: { type: 'string', coerce: shardValue,
    describe: 'Run only shard i of n of the study\'s runs, e.g. 0/4, and write a shard directory for "svcsim merge"; auto/4 takes i from JOB_COMPLETION_INDEX, as a Kubernetes Indexed Job sets it' },
} as const;

export const MERGE_OPTIONS = {
  out: { type: 'string', coerce: outValue, describe: 'Directory for the merged CSV files (default: results/<scenario name>/)' },
  json: RUN_OPTIONS.json,
  check: CHECK_OPTIONS.check,
  report: { type: 'boolean', default: false, describe: 'Also write report.html: the merged results as charts in one self-contained page (svcsim report rebuilds it)' },
} as const;

/** The fields the planner can vary, as --vary spells them. */
const VARY_FORMS = [
  /^(?:Deployment|StatefulSet|ReplicaSet)\/(?:[a-z0-9-]+\/)?[a-z0-9.-]+:spec\.replicas$/,
  /^Scenario:spec\.pods\[\d+\]\.concurrency$/,
];

export const PLAN_OPTIONS = {
  vary: { type: 'string', demandOption: true, coerce: varyValue,
    describe: 'The whole-number field to size: "Deployment/web:spec.replicas" (also StatefulSet, ReplicaSet) or a pod model\'s workers, "Scenario:spec.pods[0].concurrency"' },
  slo: CHECK_OPTIONS.slo,
  rate: { type: 'string', coerce: rateValue, describe: 'Requests per second to plan for (overrides spec.traffic.rate)' },
  min: { type: 'string', default: '1', coerce: (v: unknown) => wholeNumber('min', v, 1, 'a whole number >= 1'), describe: 'The least value to consider' },
  max: { type: 'string', default: '200', coerce: (v: unknown) => wholeNumber('max', v, 1, 'a whole number >= 1'), describe: 'The most value to consider: above it the answer is "none" (exit 3)' },
  replications: { type: 'string', coerce: planReplicationsValue,
    describe: `Independent runs of every point tried, 2 to ${MAX_REPLICATIONS} (default: spec.replications if above 1, else 5)` },
  seed: CHECK_OPTIONS.seed,
  requests: { ...CHECK_OPTIONS.requests, describe: 'Requests to send in each simulation (a point\'s replication), e.g. 20000 or 2e4 (overrides spec.traffic)' },
  duration: { ...CHECK_OPTIONS.duration, describe: 'Simulated time to send for in each simulation, e.g. "60s" (overrides spec.traffic)' },
  out: { ...CHECK_OPTIONS.out, describe: 'Directory for plan.csv and run.json (default: results/<scenario name>-plan/)' },
  variant: { type: 'string', array: true, describe: 'Plan only this variant of spec.compare (repeatable)' },
  'allow-large': CHECK_OPTIONS['allow-large'],
  json: { type: 'boolean', default: false, describe: 'Print the answers and every point tried as JSON on stdout instead of sentences and a table' },
  progress: RUN_OPTIONS.progress,
  report: { type: 'boolean', default: false, describe: 'Also write report.html: the answers, the curve and the evidence in one self-contained page (svcsim report rebuilds it)' },
  jobs: { ...RUN_OPTIONS.jobs,
    describe: 'Simulations at once (a round\'s points x replications), on worker threads; 1 runs them in this thread (default: the machine\'s available parallelism, or 1 for a round of under 100,000 requests in all). The plan is the same for every value' },
} as const;

export interface PlanArgs {
  files: string[];
  vary: string;
  slo?: Objective[];
  rate?: number;
  min: number;
  max: number;
  replications?: number;
  seed?: number;
  requests?: number;
  duration?: string;
  out?: string;
  variant?: string[];
  allowLarge: boolean;
  json: boolean;
  progress: boolean;
  report: boolean;
  jobs?: number;
}

function varyValue(value: unknown): string {
  const text = onlyOnce('vary', value);
  if (VARY_FORMS.some((f) => f.test(text))) return text;
  throw new Error(`--vary ${JSON.stringify(text)} is not a field the planner can vary: it varies spec.replicas of a Deployment, StatefulSet or ReplicaSet `
    + '("Deployment/web:spec.replicas") or a pod model\'s concurrency ("Scenario:spec.pods[0].concurrency")');
}

function rateValue(value: unknown): number {
  const text = onlyOnce('rate', value);
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  if (!(n > 0 && Number.isFinite(n))) throw new Error(`--rate must be a number of requests per second above 0 (like 2000), got ${JSON.stringify(text)}`);
  return n;
}

function planReplicationsValue(value: unknown): number {
  const n = replicationsValue(value);
  if (n < 2) throw new Error('--replications must be at least 2 for plan: a point meets an objective by its 95% interval, which needs two runs or more');
  return n;
}

/** What `validate` and `run` both read. */
export interface CheckArgs {
  files: string[];
  seed?: number;
  requests?: number;
  duration?: string;
  replications?: number;
  slo?: Objective[];
  check: boolean;
  out?: string;
  variant?: string[];
  allowLarge: boolean;
}

export interface RunArgs extends CheckArgs {
  json: boolean;
  progress: boolean;
  report: boolean;
  jobs?: number;
  shard?: ShardOption;
}

export interface MergeArgs {
  dirs: string[];
  out?: string;
  json: boolean;
  check: boolean;
  report: boolean;
}

/** --shard as typed: "auto" when the index comes from JOB_COMPLETION_INDEX. */
export interface ShardOption {
  index: number | 'auto';
  count: number;
}

/** Decimal notation with an optional exponent, as YAML writes numbers: "1000000", "1e6", "2.5e3". */
const DECIMAL = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function seedValue(value: unknown): number {
  return wholeNumber('seed', value, 0, 'a non-negative whole number (like 1 or 42)');
}

function requestsValue(value: unknown): number {
  return wholeNumber('requests', value, 1, 'a positive whole number (like 1000000 or 1e6)');
}

function replicationsValue(value: unknown): number {
  const n = wholeNumber('replications', value, 1, `a whole number from 1 to ${MAX_REPLICATIONS}`);
  if (n > MAX_REPLICATIONS) throw new Error(`--replications must be at most ${MAX_REPLICATIONS}, got ${JSON.stringify(String(value))}`);
  return n;
}

function jobsValue(value: unknown): number {
  return wholeNumber('jobs', value, 1, 'a positive whole number (like 1 or 4)');
}

function shardValue(value: unknown): ShardOption {
  const text = onlyOnce('shard', value);
  const match = /^(auto|[0-9]+)\/([0-9]+)$/.exec(text.trim());
  const count = match ? Number(match[2]) : NaN;
  if (!match || !(count >= 1 && count <= MAX_SHARDS)) {
    throw new Error(`--shard must be i/n with n from 1 to ${MAX_SHARDS} and i from 0 to n - 1, or auto/n, got ${JSON.stringify(text)}`);
  }
  if (match[1] === 'auto') return { index: 'auto', count };
  const index = Number(match[1]);
  if (index >= count) throw new Error(`--shard ${text}: the index counts from 0, so it must be below ${count}`);
  return { index, count };
}

/** As many as an Indexed Job may run at once: Kubernetes' JobSpec allows an Indexed Job a parallelism of at most 10^5. */
const MAX_SHARDS = 100_000;

/** Every --slo, each split at commas: "p99<=50ms,errors<=0.1%". */
function sloValue(value: unknown): Objective[] {
  const texts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((t) => t.trim() !== '');
  if (texts.length === 0) throw new Error('--slo needs an objective, like "p99<=50ms"');
  return distinctObjectives(texts.map((text) => {
    const parsed = parseObjective(text);
    if ('problem' in parsed) throw new Error(`--slo ${JSON.stringify(text.trim())}: ${parsed.problem}`);
    return parsed;
  }));
}

function durationValue(value: unknown): string {
  const text = onlyOnce('duration', value);
  const problem = durationProblem(text) ?? (parseDuration(text) > 0 ? undefined : 'must be greater than 0');
  if (problem) throw new Error(`--duration ${problem}, got ${JSON.stringify(text)}`);
  return text;
}

function outValue(value: unknown): string {
  const dir = onlyOnce('out', value);
  const problem = outDirProblem(dir);
  if (problem) throw new Error(`--out ${dir}: ${problem}`);
  return dir;
}

function wholeNumber(name: string, value: unknown, min: number, form: string): number {
  const text = onlyOnce(name, value);
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  if (n > MAX_WHOLE_NUMBER) throw new Error(`--${name} must be at most ${MAX_WHOLE_NUMBER}, got ${JSON.stringify(text)}`);
  if (!(Number.isInteger(n) && n >= min)) throw new Error(`--${name} must be ${form}, got ${JSON.stringify(text)}`);
  return n;
}

/** yargs gives an array when an option is repeated. */
function onlyOnce(name: string, value: unknown): string {
  if (Array.isArray(value)) throw new Error(`--${name} may be given once, got ${value.map((v) => JSON.stringify(String(v))).join(' and ')}`);
  return String(value);
}
