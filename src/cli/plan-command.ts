import { join } from 'node:path';
import { formatPlan } from '../output/console-plan.js';
import { claimPlanFolder, writePlan } from '../output/plan-files.js';
import { toPlanJson } from '../output/plan-json.js';
import { createProgress, type Progress } from '../output/progress.js';
import type { ResultFolder } from '../output/result-folder.js';
import { terminalWidth, useColors } from '../output/terminal.js';
import { planCapacity, type ScenarioAt } from '../plan/planner.js';
import { TaskPool } from '../run/task-pool.js';
import { formatDiagnostic } from '../scenario/diagnostics.js';
import { checkScenario, readSources, type ScenarioOptions } from '../scenario/load-scenario.js';
import { catchingSignals, failure, type CliIo } from './command-io.js';
import { EXIT } from './exit-codes.js';
import { defaultJobs } from './jobs.js';
import type { PlanArgs } from './options.js';
import { defaultOutError } from './out-dir.js';
import { svcsimVersion } from './version.js';

/** The replications of a plan when neither --replications nor spec.replications (above 1) says. */
export const PLAN_REPLICATIONS = 5;

/**
 * `svcsim plan`: reads the files once, checks the Scenario as `run` would, then lets the planner
 * build the Scenario at each value it wants (the varied field set on every variant) and run its
 * rounds in turn; prints the answers and the evidence, writes plan.csv. Exit 3 when a variant
 * has no answer up to --max.
 */
export async function planCommand(args: PlanArgs, io: CliIo): Promise<number> {
  let progress: Progress | undefined;
  let folder: ResultFolder | undefined;
  try {
    const started = process.hrtime.bigint();
    if (args.min > args.max) {
      io.err(`svcsim: --min ${args.min} is above --max ${args.max}\nRun "svcsim --help" for usage.\n`);
      return EXIT.badCommandLine;
    }
    const input = readSources(args.files);
    const options: ScenarioOptions = {
      seed: args.seed, requests: args.requests, duration: args.duration, variants: args.variant, allowLarge: args.allowLarge,
      slo: args.slo, rate: args.rate,
    };
    const checked = checkScenario(input, options);
    for (const d of checked.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (!checked.scenario) return EXIT.badInput;
    const base = checked.scenario;
    if (base.objectives.length === 0) {
      io.err('svcsim: plan needs an objective to meet: --slo "p99<=50ms" (or spec.slo in the Scenario)\nRun "svcsim --help" for usage.\n');
      return EXIT.badCommandLine;
    }
    const replications = args.replications ?? (base.replications > 1 ? base.replications : PLAN_REPLICATIONS);
    const column = /\.?([A-Za-z]+)$/.exec(args.vary)![1];
    const scenarioAt: ScenarioAt = (value) => {
      const built = checkScenario(input, { ...options, replications, set: { key: args.vary, value, option: '--vary' } });
      if (built.scenario) return { scenario: built.scenario };
      // The field and reason, not file and line: the same for every value, said once in plan.csv's note.
      return { refused: built.diagnostics.filter((d) => d.severity === 'error').map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ') };
    };
    // A --vary the input cannot take (no such object) is refused at every value: said once, as bad input.
    const low = scenarioAt(args.min);
    if ('refused' in low && 'refused' in scenarioAt(args.max)) {
      io.err(`svcsim: ${args.vary} cannot be set from ${args.min} to ${args.max}: ${low.refused}\n`);
      return EXIT.badInput;
    }
    const dir = args.out ?? join('results', `${base.name}-plan`);
    const outError = defaultOutError(args.out, dir, 'the plan');
    if (outError) {
      io.err(outError);
      return EXIT.badCommandLine;
    }
    folder = claimPlanFolder(dir);
    for (const note of folder.recovered) io.err(`svcsim: ${note}\n`);
    const perTask = base.variants[0]?.traffic.requests;
    const bar = createProgress(Array(base.variants.length * replications * 2).fill(perTask), `${base.name} plan`, args.progress && !args.json);
    progress = bar;
    let done = 0;
    // Each round is one batch on one pool kept for the whole plan: its outcomes come back in the
    // round's order, whatever --jobs is, so the plan is the same for every --jobs. The progress
    // bar numbers runs across rounds.
    const pool = new TaskPool(args.jobs ?? defaultJobs(Array(base.variants.length * replications).fill(perTask)));
    let plan;
    try {
      plan = await planCapacity({ vary: args.vary, min: args.min, max: args.max, replications, objectives: base.objectives }, scenarioAt,
        (round) => pool.run(round.map(({ task, scenario }) => ({ scenario, task: { variant: task.variant, replication: task.replication } })), {
          summaryOnly: true,
          onProgress: (index, sent) => bar.update(done + index, sent),
          onTaskDone: (index) => bar.runDone(done + index),
        }),
        (tasks, left) => { done = tasks; bar.setRuns(Array(done + left).fill(perTask)); });
    } finally {
      await pool.close();
    }
    bar.stop();
    const written = await catchingSignals(folder, (claimed) => writePlan(claimed, plan, column, {
      version: svcsimVersion(), commandLine: process.argv.slice(1), files: base.files,
      wallTimeSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    }, { report: args.report }));
    const report = { width: terminalWidth(process.env, process.stdout), colors: useColors(process.env, process.stdout) };
    if (args.json) io.out(`${JSON.stringify(toPlanJson(plan, column, svcsimVersion()), null, 2)}\n`);
    else io.out(`${formatPlan(plan, column, report)}Wrote ${written.length} files to ${dir}/\n`);
    const none = plan.variants.filter((v) => v.answer === undefined).map((v) => v.name);
    if (none.length > 0) {
      io.err(`svcsim: no ${column} up to ${args.max} meets ${base.objectives.map((o) => o.text).join(', ')} for ${none.map((n) => JSON.stringify(n)).join(', ')}\n`);
      return EXIT.sloFailed;
    }
    return EXIT.done;
  } catch (e) {
    progress?.stop();
    return failure(io, e);
  } finally {
    folder?.release();
  }
}
