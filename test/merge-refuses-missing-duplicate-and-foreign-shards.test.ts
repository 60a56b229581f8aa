import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temps = new TempDirs();
afterAll(() => temps.removeAll());

const study = ['scenarios/seed-two-nodes.yaml', '--requests', '500', '--no-progress', '--jobs', '1'];
let dir = '';
const shard = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = temps.make();
  const json = await cli('run', ...study, '--shard', '0/2', '--json', '--out', shard('s0'));
  expect(JSON.parse(json.out)).toEqual({ shard: '0/2', runs: 1, studyRuns: 2, dir: shard('s0') });
  for (const [name, args] of [['s0', ['--shard', '0/2']], ['s1', ['--shard', '1/2']], ['seed2', ['--shard', '1/2', '--seed', '2']],
    ['of3', ['--shard', '1/3']]] as const) {
    expect((await cli('run', ...study, ...args, '--out', shard(name))).code).toBe(0);
  }
});

async function refused(...dirs: string[]): Promise<string> {
  const out = join(dir, 'merged');
  const r = await cli('merge', ...dirs, '--out', out);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(existsSync(out)).toBe(false);
  return r.err;
}

test('a missing shard is named, and nothing is written', async () => {
  expect(await refused(shard('s0'))).toBe('svcsim: merge: shard 1/2 missing: merge needs all 2 shards of the study, got 1\n');
});

test('a shard given twice is refused', async () => {
  expect(await refused(shard('s0'), shard('s1'), shard('s1')))
    .toBe(`svcsim: merge: ${shard('s1')} and ${shard('s1')} are both shard 1/2: give each shard once\n`);
});

test('a shard of a run with another seed is foreign: its scenario differs', async () => {
  expect(await refused(shard('s0'), shard('seed2'))).toMatch(new RegExp(
    `^svcsim: merge: ${shard('seed2')} is not a shard of the same study as ${shard('s0')}: its scenario \\(SHA-256 of the scenario as run\\) is "[0-9a-f]{64}", not "[0-9a-f]{64}"\\n$`));
});

test('shards of another split, or of another svcsim version, are refused', async () => {
  expect(await refused(shard('s0'), shard('of3')))
    .toBe(`svcsim: merge: ${shard('of3')} is not a shard of the same study as ${shard('s0')}: its shard count is 3, not 2\n`);
  const manifest = join(shard('s1'), 'shard.json');
  const text = readFileSync(manifest, 'utf8');
  try {
    writeFileSync(manifest, text.replace('"svcsimVersion": "', '"svcsimVersion": "9.9.9-'));
    expect(await refused(shard('s0'), shard('s1'))).toMatch(/its svcsim version is "9\.9\.9-[^"]+", not "[^"]+"\n$/);
  } finally {
    writeFileSync(manifest, text);
  }
});

test('a directory that is not a shard, or a damaged one, is refused', async () => {
  expect(await refused(shard('s0'), join(dir, 'nothing'))).toMatch(new RegExp(`^svcsim: merge: ${join(dir, 'nothing')} is not a shard directory \\(svcsim run --shard writes one\\): ENOENT`));
  const outcomes = join(shard('s1'), 'outcomes.json');
  const text = readFileSync(outcomes, 'utf8');
  try {
    writeFileSync(outcomes, '[]');
    expect(await refused(shard('s0'), shard('s1'))).toBe(`svcsim: merge: ${shard('s1')}: shard 1/2 should hold 1 task outcome(s), it holds 0: the directory is damaged\n`);
  } finally {
    writeFileSync(outcomes, text);
  }
  expect((await cli('merge', shard('s0'), shard('s1'), '--out', join(dir, 'merged'), '--json')).code).toBe(0);
});
