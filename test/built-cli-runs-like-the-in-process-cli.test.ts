import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../src/cli/cli.js';
import { TempDirs } from './support/temp-dirs.js';

// dist/ is built before the tests: `npm ci` runs the prepare script.
const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = join(repo, 'dist');

interface Outcome { code: number; out: string; err: string }

/** Runs the bin, dist/svcsim.cjs or a copy of it, as `npx svcsim` would. */
function built(bin: string, ...argv: string[]): Promise<Outcome> {
  // No NODE_EXTRA_CA_CERTS: the CLI makes no connections, and parsing them costs 0.1 s a start.
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { cwd: repo, env }, (error, out, err) => {
      resolve({ code: error ? Number(error.code) : 0, out, err });
    });
  });
}

async function inProcess(...argv: string[]): Promise<Outcome> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const temp = new TempDirs();
afterEach(() => temp.removeAll());

const run = ['run', 'scenarios/seed-two-nodes.yaml', '--requests', '2000', '--json', '--no-progress', '--out'];

/** dist/'s launcher and bundle in a fresh directory, without the code cache; returns the bin. */
function copyOfBin(): string {
  const dir = temp.make('svcsim-bin-');
  for (const f of ['svcsim.cjs', 'svcsim-cli.cjs']) copyFileSync(join(dist, f), join(dir, f));
  return join(dir, 'svcsim.cjs');
}

const codeCacheName = () => readdirSync(dist).find((f) => f.endsWith('.v8cache'));

/** The likely cause when the bin and runCli differ: a source file newer than the bundle. */
function staleBundle(): string {
  const built = statSync(join(dist, 'svcsim-cli.cjs')).mtimeMs;
  const newer = readdirSync(join(repo, 'src'), { recursive: true, encoding: 'utf8' })
    .find((f) => statSync(join(repo, 'src', f)).mtimeMs > built);
  return newer === undefined ? '' : `dist/ is older than src/${newer}: npm run build`;
}

describe('the built svcsim command', () => {
  test('prints the same --json summary as runCli in-process', async () => {
    const [b, i] = await Promise.all([built(join(dist, 'svcsim.cjs'), ...run, temp.make()), inProcess(...run, temp.make())]);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect(b.out, staleBundle()).toBe(i.out);
    expect(JSON.parse(b.out).variants.map((v: { variant: string }) => v.variant)).toEqual(['Cluster', 'Local']);
  });

  test('a missing file exits 1 and a bad option 2, with the same messages', async () => {
    const missing = ['run', 'missing.yaml'];
    const badOption = ['run', 'scenarios/seed-two-nodes.yaml', '--sead', '3'];
    const [b1, b2] = await Promise.all([built(join(dist, 'svcsim.cjs'), ...missing), built(join(dist, 'svcsim.cjs'), ...badOption)]);
    expect(b1).toEqual({ code: 1, out: '', err: "missing.yaml: error: cannot read file: ENOENT: no such file or directory, open 'missing.yaml'\n" });
    expect(b1).toEqual(await inProcess(...missing));
    expect(b2).toEqual({ code: 2, out: '', err: 'svcsim: Unknown argument: sead\nRun "svcsim --help" for usage.\n' });
    expect(b2).toEqual(await inProcess(...badOption));
  });

  // Help text is where the bundle's stand-in for string-width (scripts/bundle-plugins.mjs, loaded
  // on first use) measures every column. yargs prints help to the console, not to runCli's io,
  // so the reference is the unbundled CLI that tsc built.
  test('prints the same help text as the unbundled CLI', async () => {
    for (const argv of [['--help'], ['run', '--help'], ['validate', '--help']]) {
      const [b, u] = await Promise.all([built(join(dist, 'svcsim.cjs'), ...argv), built(join(dist, 'cli', 'main.js'), ...argv)]);
      expect(b.code).toBe(0);
      expect(b.out).toMatch(/^svcsim /);
      expect(b).toEqual(u);
    }
  });

  test('runs without a code cache, writes one, and runs past a damaged one', async () => {
    const cacheName = codeCacheName();
    expect(cacheName).toBeDefined(); // the build made one
    const bin = copyOfBin();
    const cache = join(bin, '..', cacheName!);
    const expected = (await inProcess(...run, temp.make())).out;

    const first = await built(bin, ...run, temp.make());
    expect(first).toEqual({ code: 0, out: expected, err: '' });
    expect(existsSync(cache)).toBe(true); // written after the run

    const damaged = readFileSync(cache);
    for (let i = 64; i < damaged.length; i += 4096) damaged[i] ^= 0xff; // handed to V8 unchecked, this crashes it
    writeFileSync(cache, damaged);
    const second = await built(bin, ...run, temp.make());
    expect(second).toEqual({ code: 0, out: expected, err: '' });
    expect(readFileSync(cache).equals(damaged)).toBe(false); // replaced
  });
});
