/** The CLI's options, declared as data: yargs reads them, the README documents them. */
export const RUN_OPTIONS = {
  seed: { type: 'number', describe: 'Seed of every random stream (overrides spec.seed)' },
  requests: { type: 'number', describe: 'Requests to send per variant (overrides spec.traffic)' },
  duration: { type: 'string', describe: 'Simulated time to send for, e.g. "60s" (overrides spec.traffic)' },
  out: { type: 'string', describe: 'Directory for the CSV files (default: results/<scenario name>/)' },
  variant: { type: 'string', array: true, describe: 'Run only this variant (repeatable)' },
  json: { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout instead of tables' },
  progress: { type: 'boolean', default: true, describe: 'Show a progress bar on a terminal (--no-progress to hide)' },
} as const;

export interface RunArgs {
  files: string[];
  seed?: number;
  requests?: number;
  duration?: string;
  out?: string;
  variant?: string[];
  json: boolean;
  progress: boolean;
}
