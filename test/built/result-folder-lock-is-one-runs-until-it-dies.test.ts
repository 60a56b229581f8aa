import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { claimResultFolder } from '../../src/output/csv-files.js';
import { FolderBusyError } from '../../src/output/folder-lock.js';
import { TempDirs } from '../support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

/** A destination `out` (not yet there) and its lock file's path. */
function destination(): { out: string; lock: string } {
  const parent = temp.make('svcsim-lock-');
  return { out: join(parent, 'out'), lock: join(parent, '.out.svcsim-lock') };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

test('a claimed folder is busy to a second claim until it is released', () => {
  const { out, lock } = destination();
  const first = claimResultFolder(out);
  const holder = JSON.parse(readFileSync(lock, 'utf8'));
  expect(holder).toMatchObject({ pid: process.pid, host: hostname() });

  expect(() => claimResultFolder(out)).toThrow(new FolderBusyError(out, holder));
  expect(() => claimResultFolder(out)).toThrow(
    `${out} is being written by another svcsim run (pid ${process.pid} on ${hostname()}, since ${holder.since}); wait for it to finish or choose another --out`,
  );

  first.release();
  expect(readdirSync(join(out, '..'))).toEqual([]);
  claimResultFolder(out).release();
}, 5_000);

test('a lock whose process has died is taken over', () => {
  const { out, lock } = destination();
  writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), since: '2025-01-01T00:00:00.000Z' }));

  const folder = claimResultFolder(out);

  expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
  folder.release();
}, 5_000);

test('a lock of a live process is kept', () => {
  const { out, lock } = destination();
  writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), since: '2025-01-01T00:00:00.000Z' }));

  expect(() => claimResultFolder(out)).toThrow(FolderBusyError);
}, 5_000);

test.runIf(process.platform === 'linux')('a lock naming a live pid that started at another time is stale: the pid was reused', () => {
  const { out, lock } = destination();
  writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), since: '2025-01-01T00:00:00.000Z', processStart: '1' }));

  claimResultFolder(out).release();
}, 5_000);

test('a lock naming this process, which it does not hold, is stale: an earlier process had the pid', () => {
  const { out, lock } = destination();
  writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: '2025-01-01T00:00:00.000Z' }));

  claimResultFolder(out).release();
}, 5_000);

test('an empty lock file is busy while fresh (being written) and stale after 10 seconds', () => {
  const { out, lock } = destination();
  writeFileSync(lock, '');

  expect(() => claimResultFolder(out)).toThrow(`${out} is being written by another svcsim run, just starting; wait for it to finish or choose another --out`);

  const old = new Date(Date.now() - 11_000);
  utimesSync(lock, old, old);
  claimResultFolder(out).release();
}, 5_000);
