import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { resultFiles } from '../src/output/csv-files.js';
import { TimeSeriesTable } from '../src/stats/time-series-table.js';
import { clusterVsLocal } from './fixtures/cluster-vs-local-results.js';

/** README.md's "Output files" table: file name -> its "columns" cell. */
function documentedFiles(): Map<string, string> {
  const section = readFileSync('README.md', 'utf8').split('\n## ').find((s) => s.startsWith('Output files\n'));
  if (section === undefined) throw new Error('README.md has no "## Output files" section');
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return new Map(rows.map((row) => {
    const [, file, , columns] = row.split('|').map((cell) => cell.trim());
    return [file.replaceAll('`', ''), columns];
  }));
}

/**
 * The column names in a cell: its code spans, split at commas. `received_<node>...` stands for
 * one column per node. The fixture compares externalTrafficPolicy, the README's example of "one
 * column per compared field", so the names read as this fixture's header.
 */
function documentedColumns(cell: string, nodes: string[]): string[] {
  const names = [...cell.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].split(',').map((name) => name.trim()));
  return names.flatMap((name) => (name.endsWith('<node>...') ? nodes.map((n) => name.replace('<node>...', n)) : [name]));
}

// Every file svcsim writes: the fixture with a time series, so timeseries.csv is written too.
const results = clusterVsLocal();
results.timeSeriesInterval = 1;
for (const v of results.variants) v.timeSeries = TimeSeriesTable.from([], v.nodes.length);
const written = resultFiles(results);
const documented = documentedFiles();
const nodes = results.variants[0].nodes.map((n) => n.name);

// A study's files (replications > 1) are not in this fixture: readme-lists-the-study-files-columns
// checks them. report.html is written with --report, from these files.
const STUDY_FILES = ['differences.csv', 'replications.csv'];
const OTHER_FILES = [...STUDY_FILES, 'report.html'];

test('the README\'s output table lists every file svcsim writes, and no other', () => {
  expect([...documented.keys()].filter((f) => !OTHER_FILES.includes(f)).sort()).toEqual([...written.keys()].sort());
  expect(OTHER_FILES.every((f) => documented.has(f))).toBe(true);
});

test.each([...written.keys()].filter((f) => f.endsWith('.csv')))('%s has the columns the README lists, in its order', (file) => {
  const header = written.get(file)!.split('\n')[0].split(',');
  expect(header, `README.md's columns of ${file}`).toEqual(documentedColumns(documented.get(file) ?? '', nodes));
});
