import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cli } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

// Issue 13's reproducers that are files, options, or runs svcsim now bounds instead of refusing.

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const SEED = 'scenarios/seed-two-nodes.yaml';
const usage = (message: string) => `svcsim: ${message}\nRun "svcsim --help" for usage.\n`;

function file(text: string, name = 'scenario.yaml'): string {
  const path = join(temp.make(), name);
  writeFileSync(path, text);
  return path;
}

function seedWith(from: string, to: string): string {
  const text = readFileSync(SEED, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`"${from}" is not in the seed once`);
  return file(text.replace(from, to));
}

/** validate and run of the same input and options: the same code and the same message on stderr. */
async function refusedAlike(path: string, options: string[], code: number, err: string): Promise<void> {
  const validate = await cli('validate', path, ...options);
  expect(validate).toEqual({ code, out: '', err });
  expect(await cli('run', path, ...options, '--no-progress')).toEqual({ code, out: '', err });
}

const DEEP = 'YAML: nested more than 100 levels deep (svcsim reads at most 100; Kubernetes objects need about 15)';

describe('issue 13: inputs too large or too deep are refused at once, naming the file', () => {
  test('/dev/zero is read to 64 MiB and no further', async () => {
    await refusedAlike('/dev/zero', [], 1, '/dev/zero: error: cannot read file: it goes on past 64 MiB, the most svcsim reads from a file\n');
  }, 20_000);

  test('a file larger than 64 MiB is refused from its size', async () => {
    const path = file('');
    truncateSync(path, 65 * 2 ** 20);
    await refusedAlike(path, [], 1, `${path}: error: cannot read file: it is 65 MiB, more than the 64 MiB svcsim reads from a file\n`);
  }, 20_000);

  test('3000 levels of block mappings', async () => {
    const levels = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i + 2)}k:`).join('\n');
    const path = file(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n${levels} 1\n`);
    // The parser itself runs out of stack here: the line named is the most indented one.
    await refusedAlike(path, [], 1, `${path}:3004: error: ${DEEP}\n`);
  }, 20_000);

  test('3000 levels of block mappings in the seed\'s Service', async () => {
    const levels = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i + 4)}k:`).join('\n');
    const path = seedWith('  externalTrafficPolicy: Local\n', `  externalTrafficPolicy: Local\n  extra:\n${levels} 1\n`);
    await refusedAlike(path, [], 1, `${path}:3049: error: ${DEEP}\n`);
  }, 20_000);

  test('101 levels of block sequences, at the line of the 101st', async () => {
    const levels = Array.from({ length: 101 }, (_, i) => `${' '.repeat(2 * i + 2)}-`).join('\n');
    const path = file(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n${levels} 1\n`);
    await refusedAlike(path, [], 1, `${path}:104: error: ${DEEP}\n`);
  }, 20_000);

  test('a value that contains itself through an alias', async () => {
    const path = file('apiVersion: v1\nkind: ConfigMap\nmetadata: &m { name: x, labels: *m }\n');
    await refusedAlike(path, [], 1, `${path}:1: error: YAML: an alias refers to a node that contains it (the value would contain itself)\n`);
  }, 20_000);
});

test('pods are counted as placement makes them: a dump\'s Deployment of 200000 replicas with its Pod listed makes the rest, and is refused at once', async () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostname-deployment-abc\n  labels: { app: webserver }\n'
    + 'spec:\n  nodeName: node-a\n  containers: [{ name: web, image: web }]\n---\n';
  const seed = readFileSync(SEED, 'utf8').replace('  replicas: 3', '  replicas: 200000').replace('  placement:\n    hostname-deployment: { node-a: 2, node-b: 1 }\n', '');
  const path = file(seed.replace('apiVersion: v1\nkind: Service', `${pod}apiVersion: v1\nkind: Service`));
  const r = await cli('validate', path, '--requests', '100');
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/Deployment "hostname-deployment": spec\.replicas: Invalid value: 200000: .*more than the limit of 150000/);
}, 20_000);

describe('issue 13: the command line is read before anything runs', () => {
  test('--requests 1e30 is refused as the schema refuses it in the file', async () => {
    await refusedAlike(SEED, ['--requests', '1e30'], 2, usage('--requests must be at most 9007199254740991, got "1e30"'));
  }, 20_000);

  test('--requests 2e9 is above the run limit, unless --allow-large', async () => {
    await refusedAlike(SEED, ['--requests', '2e9'], 1, `${SEED}:69: error: The Scenario "seed-two-nodes" is invalid: spec.traffic.requests: `
      + 'Invalid value: 2000000000 (from --requests): the run would send about 2e9 requests in each variant, more than the limit of 1e9; '
      + 'lower it, or run with --allow-large\n');
    expect(await cli('validate', SEED, '--requests', '2e9', '--allow-large')).toEqual({ code: 0, out: `${SEED}: valid\n`, err: '' });
  }, 20_000);

  test.each([
    ['/proc/x/out', '/proc holds kernel state, not files'],
    ['/sys/fs/x', '/sys holds kernel state, not files'],
    [SEED, 'it exists and is not a directory'],
    [`${SEED}/out`, `a part of ${join(process.cwd(), SEED, 'out')} is a file, not a directory`],
  ])('--out %s is refused at once', async (out, problem) => {
    const started = Date.now();
    await refusedAlike(SEED, ['--out', out], 2, usage(`--out ${out}: ${problem}`));
    expect(Date.now() - started).toBeLessThan(5000);
  }, 20_000);
});

describe('issue 13: what can run in bounded time runs, and says what it changed', () => {
  test('a time-series interval of 1ns is coarsened, with a warning from validate and run alike', async () => {
    const path = seedWith('  compare:\n', '  timeSeries: { interval: 1ns }\n  compare:\n');
    const warning = `${path}:84: warning: Scenario "seed-two-nodes": spec.timeSeries.interval: timeseries.csv would have about 2.2e10 rows `
      + 'at 1ns over 2 variants (about 11.1s of simulated time each), more than the limit of 100000: writing a row per 500us instead; '
      + 'set the interval yourself, or run with --allow-large\n';
    expect(await cli('validate', path, '--requests', '2000')).toEqual({ code: 0, out: `${path}: valid (1 warning(s))\n`, err: warning });
    const out = join(temp.make(), 'out');
    const run = await cli('run', path, '--requests', '2000', '--out', out, '--no-progress');
    expect(run.code).toBe(0);
    expect(run.err).toBe(warning);
    const rows = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n').length - 1;
    expect(rows).toBeGreaterThan(10_000);
    expect(rows).toBeLessThanOrEqual(100_000);
  }, 30_000);

  test('an exponential service time of 1h for 2000 requests runs at a coarser interval', async () => {
    const path = seedWith('serviceTime: { exponential: { mean: 10ms } }', 'serviceTime: { exponential: { mean: 1h } }');
    const warning = `${path}:63: warning: Scenario "seed-two-nodes": spec.timeSeries.interval: timeseries.csv would have about 4.8e6 rows `
      + 'at 1s over 2 variants (about 2.4e6s (27.8 days) of simulated time each), more than the limit of 100000: writing a row per 50s instead; '
      + 'set the interval yourself, or run with --allow-large\n';
    expect(await cli('validate', path, '--requests', '2000')).toEqual({ code: 0, out: `${path}: valid (1 warning(s))\n`, err: warning });
    const out = join(temp.make(), 'out');
    const run = await cli('run', path, '--requests', '2000', '--out', out, '--no-progress');
    expect(run.code).toBe(0);
    expect(run.err.startsWith(warning)).toBe(true);
    const rows = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n').length - 1;
    expect(rows).toBeLessThan(200_000);
  }, 60_000);

  test('run prints the warnings validate prints', async () => {
    const path = file(`${readFileSync(SEED, 'utf8')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n`);
    const warning = `${path}:88: warning: kind ConfigMap is not modelled; ignored\n`;
    expect(await cli('validate', path, '--requests', '100')).toEqual({ code: 0, out: `${path}: valid (1 warning(s))\n`, err: warning });
    const out = join(temp.make(), 'out');
    const run = await cli('run', path, '--requests', '100', '--out', out, '--no-progress');
    expect(run.code).toBe(0);
    expect(run.err).toBe(warning);
    expect(readdirSync(out)).toContain('summary.csv');
  }, 20_000);
});
