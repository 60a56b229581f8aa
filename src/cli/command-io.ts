import { constants } from 'node:os';
import { FolderBusyError } from '../output/folder-lock.js';
import type { ResultFolder } from '../output/result-folder.js';
import { EXIT } from './exit-codes.js';

/** Where a command prints: the process's streams, or a test's strings. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** How a command that writes a result folder ends on an error: its message, then 75 if the folder was busy, else 1. */
export function failure(io: CliIo, e: unknown, prefix = ''): number {
  io.err(`svcsim: ${prefix}${(e as Error).message}\n`);
  return e instanceof FolderBusyError ? EXIT.busy : EXIT.badInput;
}

/**
 * While the results are written, SIGINT and SIGTERM end the write (the old set stays, or the new
 * one if already in place), release the lock and exit 130 / 143. Only then: a handler cannot run
 * until a synchronous simulation returns, so while simulating they keep their default action,
 * and the lock left naming a dead process is stale to the next run.
 */
export async function catchingSignals<T>(folder: ResultFolder, write: (folder: ResultFolder) => Promise<T>): Promise<T> {
  const offs = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      folder.abandon();
      folder.release();
      process.exit(128 + constants.signals[signal]);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    return await write(folder);
  } finally {
    for (const off of offs) off();
  }
}

