import type { TimeSeriesData } from '../stats/time-series-table.js';
import { TimeSeriesTable } from '../stats/time-series-table.js';
import type { VariantResult } from '../stats/results.js';
import type { TaskOutcome } from './study.js';

/**
 * A TaskOutcome as plain data, which structured clone (a worker's message) keeps exactly: the
 * time series as its Float64Array pages rather than a TimeSeriesTable, whose class a clone would
 * drop. Everything else in an outcome is already plain objects, arrays, strings and numbers.
 */
export interface TaskOutcomeData extends Omit<TaskOutcome, 'result'> {
  result?: Omit<VariantResult, 'timeSeries'> & { timeSeries?: TimeSeriesData };
}

export function outcomeToData(outcome: TaskOutcome): TaskOutcomeData {
  const { result } = outcome;
  if (!result?.timeSeries) return outcome as TaskOutcomeData;
  return { ...outcome, result: { ...result, timeSeries: result.timeSeries.toData() } };
}

export function outcomeFromData(data: TaskOutcomeData): TaskOutcome {
  const { result } = data;
  if (!result?.timeSeries) return data as TaskOutcome;
  return { ...data, result: { ...result, timeSeries: TimeSeriesTable.fromData(result.timeSeries) } };
}
