import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_INPUT_BYTES } from './limits.js';

/**
 * Reads an input file whole, but never more than `limit` bytes: a larger regular file is refused
 * from its size, and anything else (a pipe, `<(kubectl get ...)`, /dev/zero) is read until it
 * ends or passes the limit. Throws an Error whose message says why, for "cannot read file: ...".
 */
export function readInputFile(path: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error('it is a directory');
    if (stat.isFile() && stat.size > limit) throw new Error(`it is ${mib(stat.size)}, more than the ${mib(limit)} svcsim reads from a file`);
    // A regular file's size is known; other sources are read in chunks, one byte past the limit at most.
    const buffer = Buffer.alloc(stat.isFile() ? stat.size + 1 : Math.min(limit + 1, 1 << 20));
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, limit + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
      if (total > limit) throw new Error(`it goes on past ${mib(limit)}, the most svcsim reads from a file`);
      if (chunks.length > 64) chunks = [Buffer.concat(chunks)];
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function mib(bytes: number): string {
  return `${+(bytes / 2 ** 20).toFixed(1)} MiB`;
}
