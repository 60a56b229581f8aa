import cliProgress from 'cli-progress';

export interface Progress {
  /** Tells how many requests are done; cheap enough to call every few thousand requests. */
  update(done: number): void;
  /** Removes the bar, if one was shown. Call it also when the run fails. */
  stop(): void;
}

/** Runs that finish sooner than this never show a bar. */
const SHOW_AFTER_MS = 1000;

/**
 * A progress bar on stderr, shown only when `enabled`, stderr is a terminal and the run has
 * lasted more than a second; otherwise update and stop do nothing.
 */
export function createProgress(totalRequests: number, label: string, enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true || !(totalRequests > 0)) return { update() {}, stop() {} };

  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  return {
    update(done: number) {
      if (bar === undefined) {
        if (stopped || Date.now() - startedAt < SHOW_AFTER_MS) return;
        bar = new cliProgress.SingleBar({
          stream: process.stderr,
          format: `${label} [{bar}] {percentage}% | {value}/{total} requests | ETA {eta_formatted}`,
          barsize: 20,
          clearOnComplete: true,
          // The simulation loop never yields, so neither a SIGINT handler nor a timer could run;
          // leave the cursor visible and line wrapping on in case the process is interrupted.
          hideCursor: false,
          linewrap: true,
          gracefulExit: false,
        });
        bar.start(totalRequests, Math.min(done, totalRequests));
        return;
      }
      bar.update(Math.min(done, totalRequests));
    },
    stop() {
      stopped = true;
      bar?.stop();
      bar = undefined;
    },
  };
}
