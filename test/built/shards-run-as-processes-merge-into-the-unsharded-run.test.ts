import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { cli } from '../support/run-cli.js';
import { TempDirs } from '../support/temp-dirs.js';

// As a Kubernetes Indexed Job runs them: each shard a process of the built bin, told its index
// by JOB_COMPLETION_INDEX alone.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const temps = new TempDirs();
afterAll(() => temps.removeAll());

const study = ['scenarios/seed-two-nodes.yaml', '--requests', '2000', '--replications', '2', '--no-progress'];

function shardProcess(index: number, count: number, out: string): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined, JOB_COMPLETION_INDEX: String(index) };
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repo, 'dist', 'svcsim.cjs'), 'run', ...study, '--shard', `auto/${count}`, '--out', out], { cwd: repo, env },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout, err: stderr }));
  });
}

test('three shard processes, merged, write the files of one unsharded run, byte for byte but run.json\'s command line and wall time', async () => {
  const dir = temps.make();
  const shards = [0, 1, 2].map((i) => join(dir, `shard-${i}`));
  const ran = await Promise.all(shards.map((out, i) => shardProcess(i, 3, out)));
  expect(ran.map((r) => r.err)).toEqual(['', '', '']);
  expect(ran[2].out).toBe(`Shard 2/3: ran 1 of the study's 4 runs; wrote ${shards[2]}/\nMerge all 3 shards with: svcsim merge DIR... --out DIR\n`);
  const merged = await cli('merge', ...[...shards].reverse(), '--out', join(dir, 'merged'));
  expect(merged.code).toBe(0);
  const one = await cli('run', ...study, '--jobs', '1', '--out', join(dir, 'one'));
  expect(merged.out).toBe(one.out.replace(join(dir, 'one'), join(dir, 'merged')));
  const files = readdirSync(join(dir, 'one')).sort();
  expect(readdirSync(join(dir, 'merged')).sort()).toEqual(files);
  for (const f of files.filter((n) => n.endsWith('.csv'))) {
    expect(readFileSync(join(dir, 'merged', f), 'utf8'), f).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
  }
  const runJson = (d: string) => JSON.parse(readFileSync(join(dir, d, 'run.json'), 'utf8')) as Record<string, unknown>;
  const { commandLine, wallTimeSeconds, ...rest } = runJson('merged');
  const { commandLine: oneLine, wallTimeSeconds: oneWall, ...oneRest } = runJson('one');
  expect(rest).toEqual(oneRest);
  expect(wallTimeSeconds).toBeUndefined();
  expect(oneWall).toBeGreaterThan(0);
  // The shards' command line, --shard taken out: the study they make up.
  expect((commandLine as string[]).slice(1)).toEqual(['run', ...study, '--out', shards[0]]);
  expect(oneLine).toBeDefined();
});
