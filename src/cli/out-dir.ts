import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Linux's filesystems of kernel state (statfs f_type): files there are not files, and a
 * recursive mkdir under /proc loops. proc, sysfs, debugfs, tracefs, securityfs, cgroup, cgroup2,
 * pstore, bpf, configfs.
 */
const PSEUDO_FILESYSTEMS = new Set([0x9fa0, 0x62656572, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270,
  0x6165676c, 0xcafe4a11, 0x62656570]);

/**
 * Why svcsim could not make `dir` and write its files there, or undefined when it can as far
 * as a quick look tells: the nearest existing ancestor of its parent (where results are made
 * and renamed into place) must be a directory svcsim may write, on an ordinary filesystem, and
 * `dir` itself, if it exists, a directory. The write itself can still fail (a full disk).
 */
export function outDirProblem(dir: string): string | undefined {
  const target = resolve(dir);
  if (/^\/(proc|sys)(\/|$)/.test(target)) return `${target.split('/')[1] === 'proc' ? '/proc' : '/sys'} holds kernel state, not files`;
  const own = statOrUndefined(target);
  if (own instanceof Error) return own.message;
  if (own && !own.isDirectory()) return 'it exists and is not a directory';
  if (own && !writable(target)) return `${target} is not writable`;
  let ancestor = dirname(target);
  for (;;) {
    const st = statOrUndefined(ancestor);
    if (st instanceof Error) return st.message;
    if (st) {
      if (!st.isDirectory()) return `${ancestor} is not a directory`;
      break;
    }
    if (dirname(ancestor) === ancestor) return `no part of the path exists`;
    ancestor = dirname(ancestor);
  }
  if (!writable(ancestor)) return `${ancestor} is not writable`;
  if (PSEUDO_FILESYSTEMS.has(statfsType(ancestor))) return `${ancestor} is on a filesystem of kernel state, not of files`;
  return undefined;
}

/** The stat of a path, undefined when nothing is there, an Error naming why it cannot be looked at. */
function statOrUndefined(path: string): ReturnType<typeof statSync> | Error | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return new Error(`a part of ${path} is a file, not a directory`);
    return new Error(`${path}: ${(e as Error).message}`);
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function statfsType(path: string): number {
  try {
    return Number(statfsSync(path).type);
  } catch {
    return 0;
  }
}

/**
 * The error a command prints when its default output folder (`--out` not given, so not checked
 * as it was read) cannot be written, `what` naming what goes there; undefined when it can.
 */
export function defaultOutError(out: string | undefined, dir: string, what: string): string | undefined {
  const problem = out === undefined ? outDirProblem(dir) : undefined;
  return problem && `svcsim: cannot write ${what} to ${dir} (the default --out): ${problem}\nRun "svcsim --help" for usage.\n`;
}
