import { formatComparison, formatLoadBalancerChoice } from '../output/console-report.js';
import { formatDifferences } from '../output/console-words.js';
import { toJsonSummary } from '../output/json-summary.js';
import { terminalWidth, useColors } from '../output/terminal.js';
import { resultWarnings } from '../output/variant-warnings.js';
import type { RunResults } from '../stats/results.js';
import type { CliIo } from './command-io.js';
import { EXIT } from './exit-codes.js';

/**
 * What `run` and `merge` print once the results are written: warnings, the comparison (or the
 * JSON summary), where the files went; and the exit code, 3 when --check finds a failed objective.
 */
export function printResults(results: RunResults, args: { json: boolean; check: boolean }, dir: string, written: number, io: CliIo): number {
  for (const w of resultWarnings(results)) io.err(`warning: ${w}\n`);
  const report = { width: terminalWidth(process.env, process.stdout), colors: useColors(process.env, process.stdout) };
  if (args.json) io.out(`${JSON.stringify(toJsonSummary(results), null, 2)}\n`);
  else io.out(`${formatComparison(results, report)}\n${formatDifferences(results, report.width)}${formatLoadBalancerChoice(results)}Wrote ${written} files to ${dir}/\n`);
  const failed = results.slo?.verdicts.filter((v) => v.verdict === 'fail').map((v) => v.variant) ?? [];
  if (args.check && failed.length > 0) {
    io.err(`svcsim: --check: ${failed.map((n) => JSON.stringify(n)).join(', ')} failed ${results.slo!.objectives.map((o) => o.text).join(', ')}\n`);
    return EXIT.sloFailed;
  }
  return EXIT.done;
}
