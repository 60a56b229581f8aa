import { expect, test } from 'vitest';
import { resolveShard, withoutShardOption } from '../src/cli/shard-commands.js';
import { shardTaskIndexes } from '../src/run/shards.js';
import { cli } from './support/run-cli.js';

test('shards take every n-th task from their own index, together each task once', () => {
  expect([0, 1, 2, 3].map((index) => shardTaskIndexes(10, { index, count: 4 }))).toEqual([[0, 4, 8], [1, 5, 9], [2, 6], [3, 7]]);
  expect(shardTaskIndexes(2, { index: 3, count: 4 })).toEqual([]);
});

test('auto takes the index from JOB_COMPLETION_INDEX, which must be set and below the count', () => {
  expect(resolveShard({ index: 'auto', count: 4 }, { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
  expect(resolveShard({ index: 1, count: 4 }, { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 1, count: 4 });
  expect(resolveShard({ index: 'auto', count: 4 }, {})).toEqual({
    problem: '--shard auto/4 takes the index from JOB_COMPLETION_INDEX, which is not set (a Kubernetes Indexed Job sets it)' });
  expect(resolveShard({ index: 'auto', count: 4 }, { JOB_COMPLETION_INDEX: '4' })).toEqual({
    problem: '--shard auto/4: JOB_COMPLETION_INDEX is "4", not a whole number from 0 to 3' });
});

test('a bad --shard or --jobs is a bad command line (exit 2)', async () => {
  for (const [args, message] of [
    [['--shard', '4/4'], '--shard 4/4: the index counts from 0, so it must be below 4'],
    [['--shard', '1-4'], '--shard must be i/n with n from 1 to 100000 and i from 0 to n - 1, or auto/n, got "1-4"'],
    [['--shard', '0/0'], '--shard must be i/n with n from 1 to 100000 and i from 0 to n - 1, or auto/n, got "0/0"'],
    [['--jobs', '0'], '--jobs must be a positive whole number (like 1 or 4), got "0"'],
    [['--shard', '0/2', '--check'], '--check judges the whole study: give it to svcsim merge, not to a shard'],
  ] as const) {
    const r = await cli('run', 'scenarios/seed-two-nodes.yaml', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`svcsim: ${message}\nRun "svcsim --help" for usage.\n`);
  }
});

test('the command line a shard records is the run without its --shard', () => {
  expect(withoutShardOption(['run', 'a.yaml', '--shard', 'auto/4', '--jobs', '2', '--shard=1/4'])).toEqual(['run', 'a.yaml', '--jobs', '2']);
});
