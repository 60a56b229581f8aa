/** Which shard of how many: `index` from 0 to count - 1. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The indexes of the study's tasks that shard `index` of `count` runs: every count-th task from
 * its own index (0, 4, 8... of 4 shards). Round robin rather than blocks, so that each shard
 * gets some of every variant when there are replications; a shard may get none when there are
 * fewer tasks than shards. Depends on nothing but the three numbers: every shard, run anywhere,
 * agrees on the split.
 */
export function shardTaskIndexes(tasks: number, shard: Shard): number[] {
  const indexes: number[] = [];
  for (let i = shard.index; i < tasks; i += shard.count) indexes.push(i);
  return indexes;
}
