import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { NODE_COLUMNS, POD_COLUMNS, SETTING_COLUMNS, SUMMARY_COLUMNS, TIME_SERIES_COLUMNS } from '../src/output/csv-files.js';
import { DIFFERENCE_COLUMNS, REPLICATION_COLUMNS } from '../src/output/study-files.js';

/** The last `code` span of the README's "Output files" row for `file`: its column list. */
function documented(file: string): string[] {
  const row = readFileSync('README.md', 'utf8').split('\n').find((l) => l.startsWith(`| \`${file}\` |`));
  if (!row) throw new Error(`README.md has no row for ${file}`);
  return [...row.matchAll(/`([^`]*)`/g)].at(-1)![1].split(',');
}

const names = (columns: ReadonlyArray<{ name: string }>) => columns.map((c) => c.name);

test('the README lists the columns each output file has, in order', () => {
  // summary.csv's list starts after `variant` and the compared fields, which depend on the run.
  expect(documented('summary.csv')).toEqual([...names(SETTING_COLUMNS), ...names(SUMMARY_COLUMNS)]);
  expect(documented('pods.csv')).toEqual(['variant', 'pod', 'node', 'zone', ...names(POD_COLUMNS)]);
  expect(documented('nodes.csv')).toEqual(['variant', 'node', 'zone', ...names(NODE_COLUMNS)]);
  expect(documented('timeseries.csv')).toEqual(['variant', ...names(TIME_SERIES_COLUMNS), 'received_<node>...']);
  // replications.csv's list starts after `variant` and the compared fields, as summary.csv's.
  expect(documented('replications.csv')).toEqual(REPLICATION_COLUMNS);
  expect(documented('differences.csv')).toEqual(DIFFERENCE_COLUMNS);
});
