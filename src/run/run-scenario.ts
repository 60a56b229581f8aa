import type { Scenario } from '../scenario/load-scenario.js';
import type { RunResults } from '../stats/results.js';
import { simulateVariant } from './simulate-variant.js';

export interface RunOptions {
  /** Called every 65536 requests sent, and once at the end of each variant. */
  onProgress?: (variant: string, sent: number, total: number | undefined) => void;
  /** Provenance for run.json: the svcsim version and command line that asked for the run. */
  version?: string;
  commandLine?: string[];
}

/**
 * The one entry point shared by the CLI, the tests and the benchmarks: runs every variant of a
 * checked Scenario. Pure: it reads no file and no clock; progress goes only to the callback.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResults {
  const variants = scenario.variants.map((variant) => {
    const total = variant.traffic.requests;
    const report = options.onProgress;
    const result = simulateVariant(variant, scenario.seed, report && ((sent) => report(variant.name, sent, total)));
    report?.(variant.name, result.requests, total);
    return result;
  });
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    overrideColumns: scenario.overrideColumns,
    variants,
    timeSeriesInterval: scenario.variants[0]?.traffic.timeSeriesInterval,
    meta: { version: options.version ?? '', files: scenario.files, commandLine: options.commandLine ?? [] },
  };
}
