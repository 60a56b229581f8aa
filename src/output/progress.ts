import cliProgress from 'cli-progress';

export interface Progress {
  /** Tells how many requests the current run has sent; cheap enough to call every few thousand requests. */
  update(sent: number): void;
  /** The current run (a variant's replication) has ended: the next starts from 0 sent. */
  runDone(): void;
  /** Removes the bar, if one was shown. Call it also when the run fails. */
  stop(): void;
  /**
   * A new estimate of the whole study's runs (those done first): a search (the planner) learns
   * only as it goes how many runs it will make. The runs already done keep their counts.
   */
  setRuns(runs: ReadonlyArray<number | undefined>): void;
}

/** Runs that finish sooner than this never show a bar. */
const SHOW_AFTER_MS = 1000;

/**
 * One progress bar on stderr for a whole study (variants x replications), with the time left,
 * shown only when `enabled`, stderr is a terminal and the study has lasted more than a second;
 * otherwise every method does nothing. `runs` gives each run's requests, in the order they run:
 * the bar counts requests when every run sends a number of them, and runs when some send for a
 * duration (their requests are not known beforehand).
 */
export function createProgress(planned: ReadonlyArray<number | undefined>, label: string, enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true || planned.length === 0) return { update() {}, runDone() {}, stop() {}, setRuns() {} };
  let runs = planned;
  const byRequests = runs.every((r) => r !== undefined && r > 0);
  const totalOf = (list: ReadonlyArray<number | undefined>) => (byRequests ? list.reduce<number>((a, r) => a + (r ?? 0), 0) : list.length);
  let total = totalOf(runs);
  const startedAt = Date.now();
  let finished = 0;
  let before = 0;
  let current = 0;
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  const show = () => {
    const value = Math.min(byRequests ? before + current : finished, total);
    const run = { run: `run ${Math.min(finished + 1, runs.length)}/${runs.length}` };
    if (bar !== undefined) {
      bar.update(value, run);
      return;
    }
    if (stopped || Date.now() - startedAt < SHOW_AFTER_MS) return;
    bar = new cliProgress.SingleBar({
      stream: process.stderr,
      // The time left before the counts: a narrow terminal cuts the line's end.
      format: `${label} [{bar}] {percentage}% | ETA {eta_formatted} | {run} | {value}/{total} ${byRequests ? 'requests' : 'runs'}`,
      barsize: 20,
      clearOnComplete: true,
      // The simulation loop never yields, so neither a SIGINT handler nor a timer could run;
      // leave the cursor visible and line wrapping on in case the process is interrupted.
      hideCursor: false,
      linewrap: true,
      gracefulExit: false,
    });
    bar.start(total, value, run);
  };
  return {
    update(sent: number) {
      current = sent;
      show();
    },
    runDone() {
      before += runs[finished] ?? 0;
      finished += 1;
      current = 0;
      show();
    },
    setRuns(next) {
      runs = next;
      total = totalOf(runs);
      bar?.setTotal(total);
      show();
    },
    stop() {
      stopped = true;
      bar?.stop();
      bar = undefined;
    },
  };
}
