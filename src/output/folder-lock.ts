import { closeSync, fstatSync, lstatSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** What a lock file holds: who took the lock, to name them and to tell a dead holder from a live one. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
  /** Linux: the holder's start time in clock ticks after boot, so a reused pid is not taken for the holder. */
  processStart?: string;
}

/** Another live svcsim run holds the destination's lock: exit 75 (EX_TEMPFAIL: try again later). */
export class FolderBusyError extends Error {
  constructor(readonly destination: string, readonly holder: LockHolder | undefined) {
    const who = holder ? `another svcsim run (pid ${holder.pid} on ${holder.host}, since ${holder.since})` : 'another svcsim run, just starting';
    super(`${destination} is being written by ${who}; wait for it to finish or choose another --out`);
  }
}

/** Lock files this process holds: a second claim from the same process finds the lock busy, not stale. */
const held = new Set<string>();

/**
 * An exclusive lock: a file created with O_EXCL that names its holder. A lock whose holder has
 * died (SIGKILL, power loss) is stale and taken over. Not a kernel lock (Node has no flock):
 * nothing releases it when the process dies, so the next taker judges the holder instead. Not
 * proper-lockfile either: it proves its holder alive by touching the lock on a timer, which
 * cannot fire while a synchronous simulation runs, so a long run's lock would look stale.
 */
export class FolderLock {
  private constructor(readonly path: string) {}

  /** Takes the lock at `path`, for `destination`; throws FolderBusyError when a live process holds it. */
  static acquire(path: string, destination: string): FolderLock {
    // A few rounds: each lost one means another process took or dropped the lock meanwhile.
    for (let round = 0; round < 5; round++) {
      if (create(path)) {
        held.add(path);
        return new FolderLock(path);
      }
      const found = read(path);
      if (found === undefined) continue; // released between our create and read
      if (!isStale(path, found)) throw new FolderBusyError(destination, found.holder);
      removeIfUnchanged(path, found);
    }
    throw new FolderBusyError(destination, undefined);
  }

  release(): void {
    if (held.delete(this.path)) rmSync(this.path, { force: true });
  }
}

/** Creates the lock file naming this process; false if one exists. */
function create(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), processStart: processStart('self') };
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface Found {
  holder: LockHolder | undefined;
  ino: number;
  mtimeMs: number;
}

/** The lock file's holder (undefined if unreadable) and identity; undefined if there is no lock file. */
function read(path: string): Found | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const { ino, mtimeMs } = fstatSync(fd);
    let holder: LockHolder | undefined;
    try {
      const parsed = JSON.parse(readFileSync(fd, 'utf8')) as LockHolder;
      if (Number.isInteger(parsed.pid) && parsed.pid > 0) holder = parsed;
    } catch {
      holder = undefined;
    }
    return { holder, ino, mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** An unreadable lock older than this lost its writer between creating and writing it (microseconds apart). */
const UNWRITTEN_LOCK_MS = 10_000;

function isStale(path: string, { holder, mtimeMs }: Found): boolean {
  if (holder === undefined) return Date.now() - mtimeMs > UNWRITTEN_LOCK_MS;
  // Our pid but not our lock: an earlier process had it (a container's pid 1 every run).
  if (holder.pid === process.pid) return !held.has(path);
  if (holder.processStart !== undefined) {
    const now = processStart(holder.pid);
    if (now !== undefined) return now !== holder.processStart;
  }
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    // EPERM: alive, another user's.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes the stale lock unless it changed since it was judged: another taker may have removed
 * it and made its own meanwhile. A window of microseconds remains; even then the directory
 * renames never mix two sets (a rename onto a non-empty folder fails).
 */
function removeIfUnchanged(path: string, found: Found): void {
  try {
    const now = lstatSync(path);
    if (now.ino === found.ino && now.mtimeMs === found.mtimeMs) rmSync(path, { force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Field 22 of /proc/PID/stat, the start time after boot; undefined where there is no /proc. */
function processStart(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
