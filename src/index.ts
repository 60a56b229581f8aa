// svcsim's public API, listed explicitly.

// Engine: knows nothing of Kubernetes.
export { Simulator, type Handler, type RunOptions, type StopReason } from './engine/simulator.js';
export { EventQueue, type Scheduler } from './engine/event-queue.js';
export { RandomStreams, below, type Uniform } from './engine/random.js';
export {
  Constant, EmpiricalPercentiles, EmpiricalValues, Exponential, LogNormal, NonNegative, Normal, UniformRange,
  normalCdf, type Distribution,
} from './engine/distributions.js';
export { Station } from './engine/station.js';
export {
  allenCunneenMeanWait, erlangC, md1MeanWait, mm1MeanResponse, mm1ResponseQuantile, mmcMeanWait, mmckBlocking, mmcResponseQuantile, mmcResponseTail,
} from './engine/queueing-theory.js';

// Model parts usable on their own, and the trace statistics subscribe to.
export { Cluster } from './model/cluster.js';
export { ServicePath, type PathClient } from './model/service-path.js';
export { DROPPED, FAILED, OUTSIDE, REJECTED, TIMED_OUT, type Outcome, type Trace } from './model/trace.js';
export { OpenLoopClient, type OpenLoopSpec } from './workload/open-loop-client.js';
export { MaglevTable } from './model/maglev.js';
export { flowHash, hashString } from './model/flow-hash.js';
export { ecmpChoose } from './model/ecmp.js';
export { metallbL2Leader } from './model/metallb.js';
export { IpvsScheduler } from './model/ipvs.js';
export { ClientIpAffinity } from './model/session-affinity.js';
export { DnsResolver, dnsQueries, searchCandidates } from './model/dns.js';
export { allocateTopologyHints, trafficDistributionFilter } from './model/topology-aware.js';

// Statistics and results.
export { Recorder } from './stats/recorder.js';
export { LatencyHistogram, type LatencyBucket } from './stats/latency-histogram.js';
export { TimeSeries } from './stats/time-series.js';
export { TimeSeriesTable, type TimeSeriesRow } from './stats/time-series-table.js';
export { batchMeansInterval, meanConfidenceInterval, studentTQuantile, type ConfidenceInterval } from './stats/confidence.js';
export type {
  HopCount, LatencySummary, MetricDifference, MetricInterval, NodeResult, Objective, ObjectiveVerdict, PodResult, ReplicationSummary,
  RunResults, StudyResults, StudyVariant, VariantDifferences, VariantResult, VariantVerdict, Verdict,
} from './stats/results.js';
export { ci95Name, SUMMARY_COLUMNS, type Column, type ColumnKind } from './stats/summary-metrics.js';
export { summariseReplication, summariseStudy, variantIntervals } from './stats/study.js';
export { judge, judgeVariant } from './stats/objectives.js';

// Scenario input and the one entry point.
export {
  checkScenario, loadScenario, readSources, scenarioFromYaml, type Scenario, type ScenarioOptions, type SourceText, type Variant,
} from './scenario/load-scenario.js';
export { IngressRouter } from './scenario/ingress-rules.js';
export { NO_RUN_LIMITS, RUN_LIMITS, type RunLimits } from './scenario/limits.js';
export { estimateCost, type VariantCost } from './scenario/run-cost.js';
export { runScenario, type RunOptions as RunScenarioOptions } from './run/run-scenario.js';
export { gatherResults, runTask, studyShape, studyTasks, type RunMeta, type StudyShape, type StudyTask, type TaskOutcome } from './run/study.js';
export { runScenarioTasks, runTasks, type ScenarioTask, type TaskRunOptions } from './run/task-pool.js';
export { runStudy, type StudyOptions } from './run/run-study.js';
export { shardTaskIndexes, type Shard } from './run/shards.js';
export { parseObjective } from './scenario/slo-text.js';
export { simulateVariant } from './run/simulate-variant.js';
export { formatDiagnostic, InputError, type Diagnostic } from './scenario/diagnostics.js';
export { ScenarioSchema, SCENARIO_API_VERSION, scenarioJsonSchema, type ScenarioDocument } from './scenario/scenario-schema.js';

// The capacity planner.
export {
  planCapacity, runPlanTask, runRoundInTurn, type PlanPoint, type PlanRequest, type PlanResults, type PlanTask, type PlanVariant,
  type RunRound, type ScenarioAt,
} from './plan/planner.js';
export { theoryAt, type TheoryPoint } from './plan/theory.js';
export { routingShares } from './plan/routing-shares.js';
export { ValueSearch } from './plan/value-search.js';

// Output sinks.
export { claimResultFolder, RESULT_FILE_NAMES, resultFiles, writeResults } from './output/csv-files.js';
export { FolderRefusedError, ResultFolder } from './output/result-folder.js';
export { FolderBusyError, type LockHolder } from './output/folder-lock.js';
export { formatComparison } from './output/console-report.js';
export { formatDifferences } from './output/console-words.js';
export { toJsonSummary } from './output/json-summary.js';
export { mergeShards, ShardError, type MergedShards, type ShardManifest } from './output/shard-files.js';
export { buildReport, REPORT_FILE, reportCharts, ReportInputError } from './output/report/build-report.js';
export { readResultTables, type CsvTable, type ResultTables, type RunFacts } from './output/report/result-tables.js';
export type { Chart } from './output/report/chart.js';
