import { randomBytes } from 'node:crypto';
import {
  chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FolderLock } from './folder-lock.js';

/** The destination is not svcsim's to replace (a file, or a folder holding other files): exit 1. */
export class FolderRefusedError extends Error {}

/**
 * A result folder, published whole. Every file is written into a temporary directory beside it,
 * `.NAME.svcsim-tmp-PID-TAG`, and the set goes into place by directory renames: the folder
 * there before is moved aside (`.NAME.svcsim-old-PID-TAG`), the new one renamed to NAME, and the
 * old one removed. A reader sees the old complete set or the new one, never a mix; only between
 * the two renames is there no NAME. `.NAME.svcsim-lock` makes the folder one run's at a time.
 */
export class ResultFolder {
  private temp: string | undefined;
  private aside: string | undefined;
  /** A file being written inside the folder by replaceFile, until it is renamed into place. */
  private tempFile: string | undefined;
  private placed = false;

  private constructor(
    /** What the caller named, for messages and the paths returned. */
    readonly shown: string,
    private readonly target: string,
    private readonly ownFiles: ReadonlySet<string>,
    private readonly lock: FolderLock,
    /** What claiming put right after an interrupted run, in words. */
    readonly recovered: string[],
  ) {}

  /**
   * Takes `dir`'s lock, clears what interrupted runs left beside it, and checks that it may be
   * replaced: missing, or a folder holding only files named in `ownFiles`. Throws
   * FolderBusyError (from the lock) or FolderRefusedError.
   */
  static claim(dir: string, ownFiles: ReadonlySet<string>): ResultFolder {
    const target = destination(dir);
    const parent = dirname(target);
    if (parent === target) throw new FolderRefusedError(`cannot write results to ${dir}: it is the root directory`);
    makeDirectories(parent);
    const lock = FolderLock.acquire(join(parent, `.${basename(target)}.svcsim-lock`), dir);
    try {
      const recovered = recover(target, dir);
      refuseForeign(target, ownFiles, dir);
      return new ResultFolder(dir, target, ownFiles, lock, recovered);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /**
   * Takes an existing result folder's lock to replace one file in it (replaceFile), clearing what
   * interrupted runs left as claim does. Files of others in it are no concern: only one file is
   * written. Throws FolderBusyError (from the lock) or FolderRefusedError when `dir` is no folder.
   */
  static open(dir: string): ResultFolder {
    const target = destination(dir);
    const parent = dirname(target);
    if (!existsSync(parent)) throw new FolderRefusedError(`${dir} is not a folder of results: no such folder`);
    const lock = FolderLock.acquire(join(parent, `.${basename(target)}.svcsim-lock`), dir);
    try {
      const recovered = recover(target, dir);
      let isDirectory = false;
      try { isDirectory = statSync(target).isDirectory(); } catch { /* no such folder */ }
      if (!isDirectory) throw new FolderRefusedError(`${dir} is not a folder of results: ${existsSync(target) ? 'it is a file' : 'no such folder'}`);
      return new ResultFolder(dir, target, new Set(), lock, recovered);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /**
   * Replaces one file of the folder whole: written beside it as `.NAME.svcsim-tmp-PID-TAG`,
   * flushed, and renamed over NAME, so a reader sees the old file or the new one. Returns its path.
   */
  replaceFile(name: string, contents: string): string {
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      this.tempFile = join(this.target, `.${name}.svcsim-tmp-${tag}`);
      writeDurably(this.tempFile, [contents]);
      renameSync(this.tempFile, join(this.target, name));
      this.tempFile = undefined;
      syncDirectory(this.target);
    } catch (e) {
      this.abandon();
      throw e;
    }
    return join(this.shown, name);
  }

  /**
   * Writes the files (name -> contents in pieces) and puts the set in place; returns their paths.
   * `more`, given the temporary folder once those are written, returns further files made from
   * them (the report, built from the CSVs as `svcsim report` would): they join the same set.
   */
  async publish(files: Map<string, Iterable<string>>, more?: (written: string) => Promise<Map<string, string>>): Promise<string[]> {
    const names = [...files.keys()];
    const parent = dirname(this.target);
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.placed = false;
    try {
      this.temp = join(parent, `.${basename(this.target)}.svcsim-tmp-${tag}`);
      mkdirSync(this.temp);
      let written = 0;
      for (const [name, pieces] of files) {
        writeDurably(join(this.temp, name), pieces);
        await pause(++written === 1 ? 'writing' : undefined);
      }
      for (const [name, text] of more ? await more(this.temp) : []) {
        writeDurably(join(this.temp, name), [text]);
        names.push(name);
      }
      syncDirectory(this.temp);
      // Again: a long run gives the user time to put files there since the claim.
      refuseForeign(this.target, this.ownFiles, this.shown);
      if (existsSync(this.target)) {
        // The new folder keeps the old one's permissions (a shared group folder stays shared).
        chmodSync(this.temp, statSync(this.target).mode & 0o7777);
        this.aside = join(parent, `.${basename(this.target)}.svcsim-old-${tag}`);
        renameSync(this.target, this.aside);
        syncDirectory(parent);
        await pause('moved-aside');
      }
      renameSync(this.temp, this.target);
      this.placed = true;
      this.temp = undefined;
      syncDirectory(parent);
      await pause('placed');
      this.abandon(); // the new set is in place: this removes the old one
    } catch (e) {
      this.abandon();
      throw e;
    }
    return names.map((name) => join(this.shown, name));
  }

  /**
   * Ends a publish wherever it stands, synchronously (a signal handler calls it): before the new
   * set is in place, the old one goes back; after, the old one is removed. Removes the temporary
   * directory. Errors are swallowed: they would hide the reason for abandoning, and the next
   * claim clears what is left.
   */
  abandon(): void {
    try {
      if (this.aside && !this.placed) renameSync(this.aside, this.target);
      else if (this.aside) rmSync(this.aside, { recursive: true, force: true });
      this.aside = undefined;
    } catch { /* left for the next claim */ }
    try {
      if (this.temp) rmSync(this.temp, { recursive: true, force: true });
      this.temp = undefined;
      if (this.tempFile) rmSync(this.tempFile, { force: true });
      this.tempFile = undefined;
    } catch { /* as above */ }
  }

  release(): void {
    this.lock.release();
  }
}

/**
 * The folder to replace: `dir` made absolute (so `--out .` has a name and a parent), and a
 * symbolic link followed, so the link stays and its target's folder is replaced.
 */
function destination(dir: string): string {
  const target = resolve(dir);
  try {
    return lstatSync(target).isSymbolicLink() ? realpathSync(target) : target;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return target;
    throw e;
  }
}

/** mkdir -p without Node's recursive mkdir, which loops for ever under /proc. */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Leftovers of interrupted runs beside the target, by kind; the lock makes every one a leftover. */
function leftovers(target: string): { temps: string[]; asides: string[] } {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.svcsim-`;
  const names = readdirSync(parent).filter((n) => n.startsWith(prefix));
  const pick = (kind: string) => names.filter((n) => new RegExp(`^${kind}-\\d+-[0-9a-f]+$`).test(n.slice(prefix.length))).map((n) => join(parent, n));
  return { temps: pick('tmp'), asides: pick('old') };
}

/**
 * Puts right what interrupted runs left. A run killed between its two renames left no target
 * and the old set aside: it is restored (the killed run never reported success, so its set is
 * not published, complete or not). Every other temporary and aside folder is removed.
 */
function recover(target: string, shown: string): string[] {
  const { temps, asides } = leftovers(target);
  const done: string[] = [];
  if (!existsSync(target) && asides.length > 0) {
    // Each run restores or removes its aside before the next can make one: there is one. If not, the newest.
    const newest = asides.reduce((a, b) => (statSync(b).mtimeMs > statSync(a).mtimeMs ? b : a));
    renameSync(newest, target);
    asides.splice(asides.indexOf(newest), 1);
    done.push(`restored ${shown}, which an interrupted run had moved aside`);
  }
  for (const path of [...temps, ...asides]) rmSync(path, { recursive: true, force: true });
  if (temps.length + asides.length > 0) done.push(`removed ${temps.length + asides.length} folder(s) that interrupted runs left beside ${shown}`);
  // Files replaceFile was writing inside the folder when its process died.
  const inside = existsSync(target) && statSync(target).isDirectory()
    ? readdirSync(target).filter((n) => /^\..+\.svcsim-tmp-\d+-[0-9a-f]+$/.test(n)) : [];
  for (const name of inside) rmSync(join(target, name), { force: true });
  if (inside.length > 0) done.push(`removed ${inside.length} file(s) that an interrupted svcsim report left in ${shown}`);
  if (done.length > 0) syncDirectory(dirname(target));
  return done;
}

/** Throws unless the target is missing or a folder of nothing but svcsim's own files. */
function refuseForeign(target: string, ownFiles: ReadonlySet<string>, shown: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(target).isDirectory();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!isDirectory) throw new FolderRefusedError(`cannot write results to ${shown}: it is a file, not a folder`);
  const foreign = readdirSync(target, { withFileTypes: true })
    .filter((e) => !(e.isFile() && ownFiles.has(e.name)))
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort();
  if (foreign.length === 0) return;
  const named = foreign.length > 3 ? `${foreign.slice(0, 3).join(', ')} and ${foreign.length - 3} more` : foreign.join(', ');
  throw new FolderRefusedError(
    `will not replace ${shown}: it holds ${named}, which svcsim does not write; move ${foreign.length > 1 ? 'them' : 'it'} away or choose another --out`,
  );
}

function writeDurably(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, 'wx');
  try {
    for (const piece of pieces) writeFileSync(fd, piece, 'utf8');
    // Flushed before the folder is renamed into place, so a crash cannot publish empty files.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a directory's entries (new names, renames); a file system that cannot is no reason to fail. */
function syncDirectory(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* e.g. EISDIR or EINVAL where directories cannot be opened or synced */ }
}

/**
 * Between steps, lets a SIGINT or SIGTERM handler run. Test hook: with
 * SVCSIM_TEST_PAUSE_WRITE=STEP (writing: one file in the temporary folder; moved-aside: the old
 * set aside, the new not in place; placed: the new in place, the old not yet removed), says
 * `svcsim-test: paused at STEP` on stderr and waits until stdin has data or ends, so a test can
 * signal the process at that very point. Nothing else reads it.
 */
async function pause(step: 'writing' | 'moved-aside' | 'placed' | undefined): Promise<void> {
  if (step === undefined || process.env.SVCSIM_TEST_PAUSE_WRITE !== step) return new Promise((done) => setImmediate(done));
  process.stderr.write(`svcsim-test: paused at ${step}\n`);
  await new Promise((done) => process.stdin.once('data', done).once('end', done));
  process.stdin.destroy();
}
