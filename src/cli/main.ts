import { hideBin } from 'yargs/helpers';
import { isTaskWorker, serveTasks } from '../run/task-worker.js';
import { runCli } from './cli.js';

// The bundle is also the pool's worker (run/task-pool.ts): a worker thread started from it
// serves tasks and never parses a command line.
if (isTaskWorker()) {
  serveTasks();
} else {
  // A reader that stops early (`svcsim schema | head -1`) closes the pipe: end quietly with exit 0,
  // as Unix tools do, rather than die on the unhandled write error. Other errors still throw.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });

  // No top-level await: scripts/build.mjs bundles this entry as CommonJS. A rejection still ends
  // the process with the error's stack and exit code 1.
  void runCli(hideBin(process.argv)).then((code) => { process.exitCode = code; });
}
