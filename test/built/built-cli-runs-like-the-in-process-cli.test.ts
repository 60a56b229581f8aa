import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/cli.js';

// dist/ is built before the tests: `npm ci` runs the prepare script.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(repo, 'dist');

interface Outcome { code: number; out: string; err: string }

const temps: string[] = [];
afterAll(() => { for (const dir of temps) rmSync(dir, { recursive: true, force: true }); });

/** A fresh temporary directory, removed after the tests. */
function tempDir(prefix = 'svcsim-out-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Runs the bin, dist/svcsim.cjs or a copy of it, as `npx svcsim` would. */
function built(bin: string, ...argv: string[]): Promise<Outcome> {
  return node([bin, ...argv]);
}

function node(args: string[]): Promise<Outcome> {
  // No NODE_EXTRA_CA_CERTS: the CLI makes no connections, and parsing them costs 0.1 s a start.
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repo, env }, (error, out, err) => {
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


const run = ['run', 'scenarios/seed-two-nodes.yaml', '--requests', '2000', '--json', '--no-progress', '--out'];

/** A copy of dist/ in a fresh directory, as an installation the test may damage. */
function copyOfDist(): string {
  const dir = join(tempDir('svcsim-dist-'), 'dist');
  cpSync(dist, dir, { recursive: true });
  return dir;
}

/** Every file under dir, by relative path, with a hash of its contents. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
  return new Map(files.sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
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
    const [b, i] = await Promise.all([built(join(dist, 'svcsim.cjs'), ...run, tempDir()), inProcess(...run, tempDir())]);
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

  test('a run never writes into the installation, with a good, damaged or missing code cache', async () => {
    const cacheName = codeCacheName();
    expect(cacheName).toBeDefined(); // the build made one
    const installed = copyOfDist();
    const bin = join(installed, 'svcsim.cjs');
    const cache = join(installed, cacheName!);
    const expected = (await inProcess(...run, tempDir())).out;

    const runs = async (nodeFlags: string[] = []) => {
      const before = snapshot(installed);
      expect(await node([...nodeFlags, bin, ...run, tempDir()])).toEqual({ code: 0, out: expected, err: '' });
      expect(snapshot(installed)).toEqual(before);
    };
    await runs();
    await runs(['--max-old-space-size=300']); // other V8 flags: V8 rejects the cache

    const damaged = readFileSync(cache);
    for (let i = 64; i < damaged.length; i += 4096) damaged[i] ^= 0xff; // handed to V8 unchecked, this crashes it
    writeFileSync(cache, damaged);
    await runs();

    rmSync(cache);
    await runs();
  }, 60_000); // four runs of the built CLI, on a busy machine
});
