import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { cli, records } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const SEED = 'scenarios/seed-two-nodes.yaml';
// At 5000 requests of the seed, Cluster's p99 is about 110 ms and Local's about 400 ms.
const run = (...options: string[]) => {
  const out = join(temp.make(), 'out');
  return cli('run', SEED, '--requests', '5000', '--out', out, '--no-progress', ...options).then((r) => ({ ...r, out, stdout: r.out }));
};
const usage = (message: string) => `svcsim: ${message}\nRun "svcsim --help" for usage.\n`;

test('--slo "p99<=50ms" --check exits 3 when the variants fail it, after writing the results with their verdicts', async () => {
  const r = await run('--slo', 'p99<=50ms', '--check');
  expect(r.code).toBe(3);
  expect(r.err).toBe('svcsim: --check: "Cluster", "Local" failed p99<=50ms\n');
  const rows = records(readFileSync(join(r.out, 'summary.csv'), 'utf8'));
  expect(rows.map((row) => [row.variant, row.slo_verdict, row.slo_p99_le_50ms])).toEqual([['Cluster', 'fail', 'fail'], ['Local', 'fail', 'fail']]);
  expect(r.stdout).toMatch(/│ SLO p99<=50ms\s+│\s+fail │\s+fail │/);
});

test('--check exits 3 when one variant of two fails, and 0 when every variant passes', async () => {
  const one = await run('--slo', 'p99<=250ms', '--check');
  expect(one.code).toBe(3);
  expect(one.err).toBe('svcsim: --check: "Local" failed p99<=250ms\n');
  const all = await run('--slo', 'p99<=5s,errors<=0.1%', '--check');
  expect(all.code).toBe(0);
  expect(all.err).toBe('');
  expect(records(readFileSync(join(all.out, 'summary.csv'), 'utf8')).map((row) => row.slo_verdict)).toEqual(['pass', 'pass']);
});

test('without --check a failed objective is reported, and the exit code is 0', async () => {
  const r = await run('--slo', 'p99<=50ms', '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.slo).toEqual([{ objective: 'p99<=50ms', column: 'slo_p99_le_50ms' }]);
  expect(json.variants.map((v: Record<string, unknown>) => [v.slo_verdict, v.slo_p99_le_50ms])).toEqual([['fail', 'fail'], ['fail', 'fail']]);
});

test('spec.slo in the Scenario is judged as --slo is, and --slo replaces it', async () => {
  const dir = temp.make();
  const file = join(dir, 'seed.yaml');
  writeFileSync(file, readFileSync(SEED, 'utf8').replace('  seed: 1\n', '  seed: 1\n  slo: ["p99<=50ms"]\n'));
  const out = join(dir, 'out');
  expect((await cli('run', file, '--requests', '5000', '--out', out, '--no-progress', '--check')).code).toBe(3);
  expect((await cli('run', file, '--requests', '5000', '--out', out, '--no-progress', '--check', '--slo', 'p99<=5s')).code).toBe(0);
});

test('a bad --slo or --replications is a bad command line (exit 2) naming the option and what it got', async () => {
  const refused: Array<[string[], string]> = [
    [['--slo', 'p99=50ms'], '--slo "p99=50ms": must be like "p99<=50ms", "mean<=20ms", "errors<=0.1%" or "utilization<=70%"'],
    [['--slo', 'p99<=50ms,p95<=20ms'], '--slo "p95<=20ms": unknown metric "p95": supported metrics: mean, p50, p90, p99, p999, p99.9, max, errors, utilization'],
    [['--slo', 'errors<=1'], '--slo "errors<=1": the threshold of errors must be a percentage, like "0.1%" or "70%"'],
    [['--slo', ''], '--slo needs an objective, like "p99<=50ms"'],
    [['--replications', '0'], '--replications must be a whole number from 1 to 1000, got "0"'],
    [['--replications', '2.5'], '--replications must be a whole number from 1 to 1000, got "2.5"'],
    [['--replications', '1001'], '--replications must be at most 1000, got "1001"'],
  ];
  for (const [options, message] of refused) {
    const r = await run(...options);
    expect(r.err, options.join(' ')).toBe(usage(message));
    expect(r.code).toBe(2);
    expect(existsSync(r.out)).toBe(false);
  }
});

test('a bad spec.slo or spec.replications is bad input (exit 1) naming file, line and field', async () => {
  const file = join(temp.make(), 'seed.yaml');
  const text = readFileSync(SEED, 'utf8');
  const line = text.split('\n').indexOf('  seed: 1') + 2;
  writeFileSync(file, text.replace('  seed: 1\n', '  seed: 1\n  slo: ["p99<=50"]\n  replications: 5000\n'));
  const r = await cli('run', file, '--out', join(temp.make(), 'never'), '--no-progress');
  expect(r.code).toBe(1);
  expect(r.err).toBe([
    `${file}:${line + 1}: error: The Scenario "seed-two-nodes" is invalid: spec.replications: Invalid value: 5000: must be less than or equal to 1000`,
    '',
  ].join('\n'));
  writeFileSync(file, text.replace('  seed: 1\n', '  seed: 1\n  slo: ["p99<=50"]\n'));
  const s = await cli('run', file, '--out', join(temp.make(), 'never'), '--no-progress');
  expect(s.code).toBe(1);
  expect(s.err).toBe(`${file}:${line}: error: The Scenario "seed-two-nodes" is invalid: spec.slo[0]: Invalid value: "p99<=50": `
    + 'the threshold of p99 must be a duration, like "250ms", "1m30s" or "1.5h" (units ns, us, ms, s, m, h)\n');
});
