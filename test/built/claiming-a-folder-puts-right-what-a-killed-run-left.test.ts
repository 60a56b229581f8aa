import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { claimResultFolder } from '../../src/output/csv-files.js';
import { TempDirs } from '../support/temp-dirs.js';

// What a SIGKILL leaves beside `out`, made by hand: the built CLI's signal tests
// (signals-during-the-write-leave-one-complete-set) make it for real.

const temp = new TempDirs();
afterEach(() => temp.removeAll());

function folderWith(path: string, summary: string): void {
  mkdirSync(path);
  writeFileSync(join(path, 'summary.csv'), summary);
}

/** A parent holding the stale lock of a dead run (pid `dead`) for `out`. */
function parentOfAKilledRun(): { parent: string; out: string; dead: number } {
  const parent = temp.make('svcsim-recover-');
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  writeFileSync(join(parent, '.out.svcsim-lock'), JSON.stringify({ pid: dead, host: hostname(), since: '2025-01-01T00:00:00.000Z' }));
  return { parent, out: join(parent, 'out'), dead };
}

test('killed between its two renames: the old set goes back, the new one is removed', () => {
  const { parent, out, dead } = parentOfAKilledRun();
  folderWith(join(parent, `.out.svcsim-old-${dead}-0a1b2c3d`), 'old set\n');
  folderWith(join(parent, `.out.svcsim-tmp-${dead}-0a1b2c3d`), 'new set\n');

  const folder = claimResultFolder(out);

  expect(folder.recovered).toEqual([
    `restored ${out}, which an interrupted run had moved aside`,
    `removed 1 folder(s) that interrupted runs left beside ${out}`,
  ]);
  expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe('old set\n');
  expect(readdirSync(parent).sort()).toEqual(['.out.svcsim-lock', 'out']);
  folder.release();
  expect(readdirSync(parent)).toEqual(['out']);
}, 5_000);

test('killed before moving the old set aside, or after placing the new one: what is in place stays', () => {
  const { parent, out, dead } = parentOfAKilledRun();
  folderWith(out, 'in place\n');
  folderWith(join(parent, `.out.svcsim-tmp-${dead}-00000001`), 'half written\n');
  folderWith(join(parent, `.out.svcsim-old-${dead}-00000002`), 'replaced\n');

  const folder = claimResultFolder(out);

  expect(folder.recovered).toEqual([`removed 2 folder(s) that interrupted runs left beside ${out}`]);
  expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe('in place\n');
  folder.release();
  expect(readdirSync(parent)).toEqual(['out']);
}, 5_000);

test('with two old sets aside and none in place, the newer goes back', () => {
  const { parent, out, dead } = parentOfAKilledRun();
  folderWith(join(parent, `.out.svcsim-old-${dead}-00000001`), 'older\n');
  folderWith(join(parent, `.out.svcsim-old-${dead}-00000002`), 'newer\n');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(parent, `.out.svcsim-old-${dead}-00000001`), past, past);

  claimResultFolder(out).release();

  expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe('newer\n');
  expect(readdirSync(parent)).toEqual(['out']);
}, 5_000);

test('what belongs to other folders or to the user is left alone', () => {
  const { parent, out, dead } = parentOfAKilledRun();
  const others = [`.other.svcsim-tmp-${dead}-0a1b2c3d`, `.out.svcsim-tmp-notes`, '.out.backup', 'out-2'];
  for (const name of others) mkdirSync(join(parent, name));

  const folder = claimResultFolder(out);

  expect(folder.recovered).toEqual([]);
  folder.release();
  expect(readdirSync(parent).sort()).toEqual(others.sort());
}, 5_000);
