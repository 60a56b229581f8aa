import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { claimResultFolder, writeResults } from '../output/csv-files.js';
import { loadReportBuilder } from '../output/report/load-report.js';
import { ResultFolder } from '../output/result-folder.js';
import { createProgress, type Progress } from '../output/progress.js';
import { claimShardFolder } from '../output/shard-files.js';
import { shardTaskIndexes, type Shard } from '../run/shards.js';
import { gatherResults, studyTasks } from '../run/study.js';
import { runTasks } from '../run/task-pool.js';
import { checkScenario, readSources, type Scenario } from '../scenario/load-scenario.js';
import { formatDiagnostic } from '../scenario/diagnostics.js';
import { scenarioJsonSchema } from '../scenario/scenario-schema.js';
import { catchingSignals, failure, processIo, type CliIo } from './command-io.js';
import { EXIT } from './exit-codes.js';
import { defaultJobs } from './jobs.js';
import { CHECK_OPTIONS, MERGE_OPTIONS, PLAN_OPTIONS, RUN_OPTIONS, type CheckArgs, type MergeArgs, type PlanArgs, type RunArgs } from './options.js';
import { planCommand } from './plan-command.js';
import { defaultOutError } from './out-dir.js';
import { printResults } from './print-results.js';
import { defaultShardDir, mergeCommand, resolveShard, writeShardFolder } from './shard-commands.js';
import { svcsimVersion } from './version.js';

export type { CliIo };

/**
 * The command-line parser. It only parses and calls the engine's entry point; `exitCode` is set
 * on the returned holder so tests can run it in-process.
 */
export function buildCli(argv: string[], io: CliIo = processIo, state = { exitCode: 0 }): Argv {
  const cli = yargs(argv)
    .scriptName('svcsim')
    .usage('$0 <command> [options]\n\nSimulates requests through Kubernetes Services, request by request.')
    .command('run <files..>', 'Run a scenario: Kubernetes manifests plus one kind: Scenario document', (y) =>
      y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'YAML files (multi-document)' })
        .options(RUN_OPTIONS)
        .example('$0 run scenarios/seed-two-nodes.yaml', 'Cluster vs Local on the seed example')
        .example('$0 run cluster.yaml scenario.yaml --requests 1000000 --out results/big', 'More requests, CSV files elsewhere')
        .example('$0 run scenarios/seed-two-nodes.yaml --variant Local --json', 'One variant, summary as JSON')
        .example('$0 run scenarios/seed-two-nodes.yaml --replications 10', 'Means with 95% intervals, Local against Cluster pair by pair')
        .example('$0 run scenarios/seed-two-nodes.yaml --slo "p99<=50ms" --check', 'Exit 3 when a variant fails its objective')
        .example('$0 run scenarios/seed-two-nodes.yaml --report', 'Also write report.html, the results as charts')
        .example('$0 run scenarios/seed-two-nodes.yaml --replications 8 --shard 0/4 --out results/s0', 'A quarter of the study, for svcsim merge'),
    async (args) => { state.exitCode = await runCommand(args as unknown as RunArgs, io); })
    .command('plan <files..>', 'Find the fewest replicas (or workers) that meet the objectives, for every variant of spec.compare', (y) =>
      y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'YAML files (multi-document)' })
        .options(PLAN_OPTIONS)
        .example('$0 plan scenarios/plan-seed.yaml --vary Deployment/hostname-deployment:spec.replicas --slo "p99<=50ms"',
          'Replicas each policy needs for p99 <= 50 ms at the seed\'s load')
        .example('$0 plan cluster.yaml scenario.yaml --vary Deployment/web:spec.replicas --slo "p99<=50ms" --rate 2000 --max 100',
          'At 2,000 req/s; exit 3 if 100 replicas are not enough')
        .example('$0 plan scenario.yaml --vary "Scenario:spec.pods[0].concurrency" --slo "mean<=20ms" --replications 10',
          'Workers per pod, each point judged on 10 replications'),
    async (args) => { state.exitCode = await planCommand(args as unknown as PlanArgs, io); })
    .command('validate <files..>', 'Every check run makes, without running: the API server\'s, svcsim\'s and the pre-flight\'s', (y) =>
      y.positional('files', { type: 'string', array: true, demandOption: true })
        .options(CHECK_OPTIONS)
        .example('$0 validate service.yaml', 'Check a single Service manifest')
        .example('$0 validate cluster.yaml scenario.yaml --requests 1e8', 'Check the run that run would make with these options'),
    (args) => { state.exitCode = validateCommand(args as unknown as CheckArgs, io); })
    .command('merge <dirs..>', 'Merge the shard directories of a study (run --shard) into the files one run writes', (y) =>
      y.positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Shard directories, every shard once' })
        .options(MERGE_OPTIONS)
        .example('$0 merge results/s0 results/s1 results/s2 results/s3 --out results/study', 'Four shards into one result folder'),
    async (args) => { state.exitCode = await mergeCommand(args as unknown as MergeArgs, io); })
    .command('report <dir>', 'Build report.html in a results directory from its CSV files and run.json, without running', (y) =>
      y.positional('dir', { type: 'string', demandOption: true, describe: 'A folder svcsim run (or merge) wrote' })
        .example('$0 report results/seed-two-nodes', 'Write results/seed-two-nodes/report.html'),
    async (args) => { state.exitCode = await reportCommand(args.dir as string, io); })
    .command('schema', 'Print the JSON Schema of the Scenario document', () => {}, () => {
      io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    })
    .demandCommand(1, 'Name a command: run, plan, validate, report, merge or schema')
    .strict()
    .version(svcsimVersion())
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // Thrown, not just reported: yargs would otherwise still call the command's handler.
      // yargs wraps its own failures, an option's coerce among them, in a YError: a bad command line.
      throw error && error.name !== 'YError' ? error : new UsageError(message);
    });
  skipHelpCache(cli);
  return cli;
}

/** The part of yargs' internals skipHelpCache uses; its types do not declare it. */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * After running any command, yargs renders that command's whole help text and keeps it for a
 * later showHelp(), which svcsim never calls: string-width loaded and run at every start, about
 * 0.05 s of a run (bench/RESULTS.md: nothing at 10M requests, a tenth of the 1M run's start-up).
 * Guarded, so that a yargs whose internals differ is only slower.
 */
function skipHelpCache(cli: Argv): void {
  const usage = (cli as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

export class UsageError extends Error {}

/** Parses argv, runs the command and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const state = { exitCode: 0 };
  try {
    await buildCli(argv, io, state).parseAsync();
    return state.exitCode;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`svcsim: ${e.message}\nRun "svcsim --help" for usage.\n`);
    return 2;
  }
}

/**
 * What `validate` and `run` share, so that they cannot disagree: read the files, make every
 * check (the pre-flight's too), print every finding. The scenario when a run may go ahead.
 */
function check(args: CheckArgs, io: CliIo, requireScenario: boolean, shard?: Shard): { scenario?: Scenario; dir: string; code: number; warnings: number } {
  const options = {
    seed: args.seed, requests: args.requests, duration: args.duration, variants: args.variant, allowLarge: args.allowLarge,
    replications: args.replications, slo: args.slo,
  };
  const { scenario, diagnostics } = checkScenario(readSources(args.files), options, requireScenario);
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const dir = args.out ?? (shard ? defaultShardDir(scenario?.name ?? '', shard) : join('results', scenario?.name ?? ''));
  if (errors > 0 || !scenario) return { dir, code: errors > 0 ? 1 : 0, warnings };
  // --out was looked at as it was read; the default only now that the scenario names it.
  const outError = defaultOutError(args.out, dir, 'the results');
  if (outError) {
    io.err(outError);
    return { dir, code: EXIT.badCommandLine, warnings };
  }
  return { scenario, dir, code: 0, warnings };
}

export async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  let progress: Progress | undefined;
  let folder: ResultFolder | undefined;
  try {
    const started = process.hrtime.bigint();
    const resolved = args.shard && resolveShard(args.shard, process.env);
    const problem = resolved && ('problem' in resolved ? resolved.problem
      : args.check ? '--check judges the whole study: give it to svcsim merge, not to a shard'
        : args.report ? '--report draws the whole study: give it to svcsim merge, not to a shard' : undefined);
    const shard = resolved && !('problem' in resolved) ? resolved : undefined;
    if (problem) {
      io.err(`svcsim: ${problem}\nRun "svcsim --help" for usage.\n`);
      return EXIT.badCommandLine;
    }
    const checked = check(args, io, true, shard);
    if (!checked.scenario) return checked.code;
    const { scenario, dir } = checked;
    // Before simulating: a second run into the same folder fails at once, not after its run.
    folder = shard ? claimShardFolder(dir) : claimResultFolder(dir);
    for (const note of folder.recovered) io.err(`svcsim: ${note}\n`);
    const all = studyTasks(scenario.variants.length, scenario.replications);
    const taskIndexes = shard ? shardTaskIndexes(all.length, shard) : all.map((_, i) => i);
    const tasks = taskIndexes.map((i) => all[i]);
    const requests = tasks.map((t) => scenario.variants[t.variant].traffic.requests);
    const bar = createProgress(requests, scenario.name, args.progress && !args.json);
    progress = bar;
    const outcomes = await runTasks(scenario, tasks, {
      jobs: args.jobs ?? defaultJobs(requests),
      onProgress: (index, sent) => bar.update(index, sent),
      onTaskDone: (index) => bar.runDone(index),
    });
    bar.stop();
    const wallTimeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (shard) return await writeShardFolder(folder, scenario, shard, { tasks: all, taskIndexes, outcomes, wallTimeSeconds }, dir, args.json, io);
    const results = gatherResults(scenario, outcomes, { version: svcsimVersion(), commandLine: process.argv.slice(1) });
    results.meta.wallTimeSeconds = wallTimeSeconds;
    const written = await catchingSignals(folder, (claimed) => writeResults(claimed, results, { report: args.report }));
    return printResults(results, args, dir, written.length, io);
  } catch (e) {
    progress?.stop();
    return failure(io, e);
  } finally {
    folder?.release();
  }
}

/**
 * Builds report.html from a results directory alone and puts it in place whole (written beside
 * it in the folder, then renamed), holding the folder's lock: a run into the same folder waits
 * its turn (exit 75). A file it cannot read is named, with the reason (exit 1).
 */
export async function reportCommand(dir: string, io: CliIo): Promise<number> {
  let folder: ResultFolder | undefined;
  try {
    folder = ResultFolder.open(dir);
    for (const note of folder.recovered) io.err(`svcsim: ${note}\n`);
    const { buildReport, REPORT_FILE } = await loadReportBuilder();
    const html = await buildReport(dir);
    const path = await catchingSignals(folder, async (claimed) => claimed.replaceFile(REPORT_FILE, html));
    io.out(`Wrote ${path}\n`);
    return EXIT.done;
  } catch (e) {
    return failure(io, e);
  } finally {
    folder?.release();
  }
}

/** `run` without the run: a file of Kubernetes objects alone is valid too. */
export function validateCommand(args: CheckArgs, io: CliIo): number {
  const { code, warnings } = check(args, io, false);
  if (code === 0) io.out(`${args.files.join(', ')}: valid${warnings ? ` (${warnings} warning(s))` : ''}\n`);
  return code;
}

/** Writes the JSON Schema next to the scenarios, for editors (`npm run schema`). */
export function writeSchemaFile(path: string): void {
  writeFileSync(path, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
}
