import { join } from 'node:path';
import { claimResultFolder, writeResults } from '../output/csv-files.js';
import type { ResultFolder } from '../output/result-folder.js';
import { mergeShards, scenarioSha256, ShardError, writeShard, type ShardManifest } from '../output/shard-files.js';
import type { Shard } from '../run/shards.js';
import { gatherResults, studyShape, type StudyTask, type TaskOutcome } from '../run/study.js';
import type { Scenario } from '../scenario/load-scenario.js';
import { catchingSignals, failure, type CliIo } from './command-io.js';
import { EXIT } from './exit-codes.js';
import type { MergeArgs, ShardOption } from './options.js';
import { defaultOutError } from './out-dir.js';
import { printResults } from './print-results.js';
import { svcsimVersion } from './version.js';

/**
 * --shard with its index: as typed, or from JOB_COMPLETION_INDEX, which Kubernetes sets in each
 * pod of an Indexed Job to the pod's index (0 to completions - 1). A problem in words otherwise.
 */
export function resolveShard(option: ShardOption, env: NodeJS.ProcessEnv): Shard | { problem: string } {
  if (option.index !== 'auto') return { index: option.index, count: option.count };
  const text = env.JOB_COMPLETION_INDEX;
  const typed = `--shard auto/${option.count}`;
  if (text === undefined || text === '') return { problem: `${typed} takes the index from JOB_COMPLETION_INDEX, which is not set (a Kubernetes Indexed Job sets it)` };
  const index = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(index < option.count)) return { problem: `${typed}: JOB_COMPLETION_INDEX is ${JSON.stringify(text)}, not a whole number from 0 to ${option.count - 1}` };
  return { index, count: option.count };
}

/** The default directory of a shard, beside where the merged results go by default. */
export function defaultShardDir(scenarioName: string, shard: Shard): string {
  return join('results', `${scenarioName}.shard-${shard.index}-of-${shard.count}`);
}

/** The command line without its --shard option: the run the merged shards make up. */
export function withoutShardOption(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--shard') i += 1;
    else if (!argv[i].startsWith('--shard=')) kept.push(argv[i]);
  }
  return kept;
}

/** Writes a shard's outcomes as a shard directory, and says what it holds. */
export async function writeShardFolder(folder: ResultFolder, scenario: Scenario, shard: Shard, run: {
  tasks: readonly StudyTask[]; taskIndexes: number[]; outcomes: TaskOutcome[]; wallTimeSeconds: number;
}, dir: string, json: boolean, io: CliIo): Promise<number> {
  const manifest: ShardManifest = {
    format: 'svcsim-shard/1',
    svcsimVersion: svcsimVersion(),
    scenarioSha256: scenarioSha256(scenario),
    seed: scenario.seed,
    shard,
    studyTasks: run.tasks.length,
    taskIndexes: run.taskIndexes,
    study: studyShape(scenario),
    commandLine: withoutShardOption(process.argv.slice(1)),
    wallTimeSeconds: run.wallTimeSeconds,
  };
  await catchingSignals(folder, (claimed) => writeShard(claimed, manifest, run.outcomes));
  if (json) io.out(`${JSON.stringify({ shard: `${shard.index}/${shard.count}`, runs: run.outcomes.length, studyRuns: run.tasks.length, dir }, null, 2)}\n`);
  else {
    io.out(`Shard ${shard.index}/${shard.count}: ran ${run.outcomes.length} of the study's ${run.tasks.length} runs; wrote ${dir}/\n`
      + `Merge all ${shard.count} shards with: svcsim merge DIR... --out DIR\n`);
  }
  return EXIT.done;
}

/**
 * `svcsim merge DIR... --out DIR`: every shard of a study into the files one unsharded run
 * writes, byte for byte but for run.json's command line and wall time (the shards ran apart).
 */
export async function mergeCommand(args: MergeArgs, io: CliIo): Promise<number> {
  let folder: ResultFolder | undefined;
  try {
    const merged = mergeShards(args.dirs);
    const dir = args.out ?? join('results', merged.study.name);
    const outError = defaultOutError(args.out, dir, 'the results');
    if (outError) {
      io.err(outError);
      return EXIT.badCommandLine;
    }
    folder = claimResultFolder(dir);
    for (const note of folder.recovered) io.err(`svcsim: ${note}\n`);
    const results = gatherResults(merged.study, merged.outcomes, { version: merged.svcsimVersion, commandLine: merged.commandLine });
    const written = await catchingSignals(folder, (claimed) => writeResults(claimed, results, { report: args.report }));
    return printResults(results, args, dir, written.length, io);
  } catch (e) {
    return failure(io, e, e instanceof ShardError ? 'merge: ' : '');
  } finally {
    folder?.release();
  }
}
