import cliProgress from 'cli-progress';

export interface Progress {
  /** Tells how many requests run `index` has sent; cheap enough to call every few thousand requests, from any order of runs. */
  update(index: number, sent: number): void;
  /** Run `index` (a variant's replication) has ended. */
  runDone(index: number): void;
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
 * otherwise every method does nothing. `runs` gives each run's requests, by run index: the bar
 * counts the requests every run has sent so far, whichever thread runs it, when every run sends a
 * number of them, and finished runs when some send for a duration (their requests are not known
 * beforehand).
 */
/**
 * What the bar shows, apart from drawing it: the requests every run has sent (each run's count
 * by its index, so runs on several threads may report in any order) or the runs finished, out of
 * the total. `runs` gives each run's requests, undefined for a run that sends for a duration.
 */
export class StudyCount {
  readonly byRequests: boolean;
  total: number;
  finished = 0;
  private sent = 0;
  // By run index; grows with setRuns.
  private readonly sentBy: number[] = [];

  constructor(private runs: ReadonlyArray<number | undefined>) {
    this.byRequests = runs.length > 0 && runs.every((r) => r !== undefined && r > 0);
    this.total = this.totalOf(runs);
  }

  /** The bar's value: requests sent, or runs finished, never above the total. */
  get value(): number {
    return Math.min(this.byRequests ? this.sent : this.finished, this.total);
  }

  get runCount(): number {
    return this.runs.length;
  }

  update(index: number, sent: number): void {
    this.count(index, Math.min(sent, this.runs[index] ?? sent));
  }

  runDone(index: number): void {
    this.count(index, this.runs[index] ?? this.sentBy[index] ?? 0);
    this.finished += 1;
  }

  setRuns(runs: ReadonlyArray<number | undefined>): void {
    this.runs = runs;
    this.total = this.totalOf(runs);
  }

  private count(index: number, now: number): void {
    this.sent += now - (this.sentBy[index] ?? 0);
    this.sentBy[index] = now;
  }

  private totalOf(list: ReadonlyArray<number | undefined>): number {
    return this.byRequests ? list.reduce<number>((a, r) => a + (r ?? 0), 0) : list.length;
  }
}

/**
 * One progress bar on stderr for a whole study (variants x replications), with the time left,
 * shown only when `enabled`, stderr is a terminal and the study has lasted more than a second;
 * otherwise every method does nothing. It counts as StudyCount does, whichever thread runs a run.
 */
export function createProgress(planned: ReadonlyArray<number | undefined>, label: string, enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true || planned.length === 0) return { update() {}, runDone() {}, stop() {}, setRuns() {} };
  const count = new StudyCount(planned);
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  const show = () => {
    const done = { runs: `${count.finished}/${count.runCount} runs done` };
    if (bar !== undefined) {
      bar.update(count.value, done);
      return;
    }
    if (stopped || Date.now() - startedAt < SHOW_AFTER_MS) return;
    bar = new cliProgress.SingleBar({
      stream: process.stderr,
      // The time left before the counts: a narrow terminal cuts the line's end.
      format: `${label} [{bar}] {percentage}% | ETA {eta_formatted} | {runs} | {value}/{total} ${count.byRequests ? 'requests' : 'runs'}`,
      barsize: 20,
      clearOnComplete: true,
      // A simulation on this thread never yields, so neither a SIGINT handler nor a timer could
      // run; leave the cursor visible and line wrapping on in case the process is interrupted.
      hideCursor: false,
      linewrap: true,
      gracefulExit: false,
    });
    bar.start(count.total, count.value, done);
  };
  return {
    update(index: number, sent: number) {
      count.update(index, sent);
      show();
    },
    runDone(index: number) {
      count.runDone(index);
      show();
    },
    setRuns(next) {
      count.setRuns(next);
      bar?.setTotal(count.total);
      show();
    },
    stop() {
      stopped = true;
      bar?.stop();
      bar = undefined;
    },
  };
}
