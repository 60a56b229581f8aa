import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario/load-scenario.js';
import { shardTaskIndexes, type Shard } from '../run/shards.js';
import type { StudyShape, TaskOutcome } from '../run/study.js';
import { outcomeFromData, outcomeToData, type TaskOutcomeData } from '../run/task-outcome-data.js';
import { fromExactJson, toExactJson } from './exact-json.js';
import { ResultFolder } from './result-folder.js';

/** What a shard directory holds: this manifest, and its tasks' outcomes. */
export const SHARD_FILE_NAMES: ReadonlySet<string> = new Set(['shard.json', 'outcomes.json']);

const FORMAT = 'svcsim-shard/1';

/** shard.json: which study, which slice of it, and what merging needs of the Scenario. */
export interface ShardManifest {
  format: typeof FORMAT;
  svcsimVersion: string;
  /** SHA-256 of the checked Scenario (command-line options applied): shards of one study agree on it. */
  scenarioSha256: string;
  seed: number;
  shard: Shard;
  /** The whole study's tasks (variants x replications), and the ones this shard ran. */
  studyTasks: number;
  taskIndexes: number[];
  study: StudyShape;
  /** The command line, without --shard: the run that the merged shards make up. */
  commandLine: string[];
  wallTimeSeconds?: number;
}

/** The hash every shard of a study shares: of the Scenario as run, inputs' hashes included, warnings not. */
export function scenarioSha256(scenario: Scenario): string {
  return createHash('sha256').update(toExactJson({ ...scenario, diagnostics: undefined })).digest('hex');
}

/** Claims a shard directory: a folder holding only a shard's files is svcsim's to replace. */
export function claimShardFolder(dir: string): ResultFolder {
  return ResultFolder.claim(dir, SHARD_FILE_NAMES);
}

/** Writes shard.json and outcomes.json, all or nothing (see ResultFolder). */
export function writeShard(folder: ResultFolder, manifest: ShardManifest, outcomes: readonly TaskOutcome[]): Promise<string[]> {
  return folder.publish(new Map([
    ['shard.json', [`${JSON.stringify(manifest, null, 2)}\n`]],
    ['outcomes.json', [toExactJson(outcomes.map(outcomeToData))]],
  ]));
}

/** A shard directory cannot be merged: missing, damaged, duplicate or from another study. */
export class ShardError extends Error {}

interface ReadShard {
  dir: string;
  manifest: ShardManifest;
  outcomes: TaskOutcome[];
}

function readShard(dir: string): ReadShard {
  let manifest: ShardManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'shard.json'), 'utf8')) as ShardManifest;
  } catch (e) {
    throw new ShardError(`${dir} is not a shard directory (svcsim run --shard writes one): ${(e as Error).message}`);
  }
  if (manifest?.format !== FORMAT) throw new ShardError(`${dir}/shard.json: format ${JSON.stringify(manifest?.format)}, expected ${JSON.stringify(FORMAT)}`);
  let data: TaskOutcomeData[];
  try {
    data = fromExactJson(readFileSync(join(dir, 'outcomes.json'), 'utf8')) as TaskOutcomeData[];
  } catch (e) {
    throw new ShardError(`${dir}/outcomes.json cannot be read: ${(e as Error).message}`);
  }
  const expected = shardTaskIndexes(manifest.studyTasks, manifest.shard);
  if (!Array.isArray(data) || data.length !== expected.length || manifest.taskIndexes.join() !== expected.join()) {
    throw new ShardError(`${dir}: shard ${label(manifest.shard)} should hold ${expected.length} task outcome(s), `
      + `it holds ${Array.isArray(data) ? data.length : 'none'}: the directory is damaged`);
  }
  return { dir, manifest, outcomes: data.map(outcomeFromData) };
}

function label(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** What merging gives: the study and every task's outcome, as an unsharded run would have them. */
export interface MergedShards {
  study: StudyShape;
  outcomes: TaskOutcome[];
  svcsimVersion: string;
  commandLine: string[];
}

/** The fields on which the shards of one study must agree, with how to say each. */
const SAME: Array<{ field: string; value: (m: ShardManifest) => unknown }> = [
  { field: 'svcsim version', value: (m) => m.svcsimVersion },
  { field: 'scenario (SHA-256 of the scenario as run)', value: (m) => m.scenarioSha256 },
  { field: 'seed', value: (m) => m.seed },
  { field: 'shard count', value: (m) => m.shard.count },
  { field: 'number of tasks', value: (m) => m.studyTasks },
];

/**
 * Reads shard directories and checks that they are every shard of one study, exactly once:
 * the same svcsim version, scenario, seed and shard count, no index twice, none missing.
 * Throws ShardError naming the directories at fault; never merges a partial or mixed set.
 */
export function mergeShards(dirs: readonly string[]): MergedShards {
  const shards = dirs.map(readShard);
  const first = shards[0];
  for (const s of shards.slice(1)) {
    for (const { field, value } of SAME) {
      if (value(s.manifest) !== value(first.manifest)) {
        throw new ShardError(`${s.dir} is not a shard of the same study as ${first.dir}: its ${field} is `
          + `${JSON.stringify(value(s.manifest))}, not ${JSON.stringify(value(first.manifest))}`);
      }
    }
  }
  const count = first.manifest.shard.count;
  const byIndex = new Map<number, ReadShard>();
  for (const s of shards) {
    const twin = byIndex.get(s.manifest.shard.index);
    if (twin) throw new ShardError(`${twin.dir} and ${s.dir} are both shard ${label(s.manifest.shard)}: give each shard once`);
    byIndex.set(s.manifest.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new ShardError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} `
      + `missing: merge needs all ${count} shards of the study, got ${shards.length}`);
  }
  const outcomes = new Array<TaskOutcome>(first.manifest.studyTasks);
  for (const s of shards) s.manifest.taskIndexes.forEach((taskIndex, k) => { outcomes[taskIndex] = s.outcomes[k]; });
  const zero = byIndex.get(0)!.manifest;
  return { study: zero.study, outcomes, svcsimVersion: zero.svcsimVersion, commandLine: zero.commandLine };
}
