// The package as users get it (`npm run check:package`, run by .ci/run): packs the tarball,
// checks what it holds, installs it into a clean prefix and runs the installed svcsim from
// another directory on a bundled scenario, on two worker threads and as shards merged. Then the
// Dockerfile's steps without Docker: each stage's COPY and RUN in a clean directory (the build
// from sources, then `npm ci --omit=dev --ignore-scripts` and the built dist/), and a run from
// elsewhere. dist/ must be built (`npm ci` does).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'svcsim-package-'));
// Offline first: the dependencies are those `npm ci` just fetched, the registry only for what the cache lacks.
// The environment as it is: npm may need NODE_EXTRA_CA_CERTS to reach the registry.
const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_prefer_offline: 'true' };
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const fail = (message) => { throw new Error(`check-package: ${message}`); };
// What running needs is about 6 MB (the CLI bundle, its code cache, the report's bundle, the
// library): the bound catches what does not earn its place, such as the 3.4 MB source map.
const MAX_UNPACKED = 8e6;

try {
  // 1. The tarball: what running needs, and no source maps (they point at src/, which is not shipped).
  if (!existsSync(join(repo, 'dist', 'svcsim.cjs'))) fail('dist/ is not built: run npm run build');
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], repo));
  const files = packed.files.map((f) => f.path);
  for (const needed of ['LICENSE', 'README.md', 'package.json', 'dist/svcsim.cjs', 'dist/svcsim-cli.cjs', 'dist/index.js',
    'dist/run/task-worker-main.js', 'scenarios/seed-two-nodes.yaml', 'schema/scenario.schema.json']) {
    if (!files.includes(needed)) fail(`the tarball lacks ${needed}`);
  }
  if (!files.some((f) => /^dist\/svcsim-cli\.[0-9a-f]+\.v8cache$/.test(f))) fail('the tarball lacks the V8 code cache');
  const maps = files.filter((f) => f.endsWith('.map'));
  if (maps.length > 0) fail(`the tarball holds source maps: ${maps.slice(0, 3).join(', ')}`);
  if (packed.unpackedSize > MAX_UNPACKED) fail(`the package unpacks to ${packed.unpackedSize} bytes, over ${MAX_UNPACKED}`);
  if (!readFileSync(join(repo, 'LICENSE'), 'utf8').includes('Apache License') || pkg.license !== 'Apache-2.0') fail('LICENSE does not match package.json\'s license');
  console.log(`tarball ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked`);

  // 2. Installed from the tarball into a clean prefix, run from another directory.
  const prefix = join(work, 'prefix');
  mkdirSync(prefix);
  run('npm', ['install', '--prefix', prefix, '--omit=dev', '--no-package-lock', join(work, packed.filename)], work);
  const elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere);
  const bin = join(prefix, 'node_modules', '.bin', 'svcsim');
  const scenario = join(prefix, 'node_modules', 'svcsim', 'scenarios', 'seed-two-nodes.yaml');
  const study = [scenario, '--requests', '2000', '--replications', '2', '--no-progress'];
  run(bin, ['run', ...study, '--jobs', '2', '--out', 'two-threads'], elsewhere);
  for (const i of [0, 1]) run(bin, ['run', ...study, '--shard', `${i}/2`, '--out', `shard-${i}`], elsewhere);
  run(bin, ['merge', 'shard-0', 'shard-1', '--out', 'merged'], elsewhere);
  for (const f of readdirSync(join(elsewhere, 'two-threads')).filter((n) => n.endsWith('.csv'))) {
    if (readFileSync(join(elsewhere, 'two-threads', f), 'utf8') !== readFileSync(join(elsewhere, 'merged', f), 'utf8')) fail(`${f} differs between --jobs 2 and merged shards`);
  }
  console.log(`installed: svcsim ${run(bin, ['--version'], elsewhere).trim()} ran on 2 threads and as 2 shards from another directory, same CSVs`);
  // The library's own worker entry (dist/run/task-worker-main.js), as an importer of the package meets it.
  const library = `import { loadScenario, runScenario, runStudy, resultFiles } from 'svcsim';
    const s = loadScenario([${JSON.stringify(scenario)}], { requests: 2000, replications: 2 });
    const same = JSON.stringify([...resultFiles(await runStudy(s, { jobs: 2 }))]) === JSON.stringify([...resultFiles(runScenario(s))]);
    process.stdout.write(String(same));`;
  if (run(process.execPath, ['--input-type=module', '-e', library], prefix) !== 'true') fail('the library\'s runStudy on 2 threads differs from runScenario');
  console.log('installed library: runStudy on 2 worker threads gives runScenario\'s files');

  // 3. The Dockerfile without Docker: each stage in a clean directory holding only what its COPY
  // lines copy, its RUN lines run there by sh (but `npm cache clean`, which would empty this
  // machine's npm cache), COPY --from=build taken from the first stage's directory.
  const stages = dockerStages(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  const dirs = stages.map((_, i) => join(work, `stage-${i}`));
  stages.forEach((stage, i) => {
    mkdirSync(dirs[i]);
    for (const step of stage) {
      if (step.copy) {
        const from = step.from === undefined ? repo : dirs[stages.findIndex((s) => s.name === step.from)];
        for (const src of step.copy.sources) {
          const path = step.from === undefined ? join(from, src) : join(from, src.replace(/^\/src\//, ''));
          cpSync(path, join(dirs[i], step.copy.dest, step.copy.sources.length > 1 || step.copy.dest.endsWith('/') ? basename(path) : ''), { recursive: true });
        }
      } else if (step.run) {
        run('sh', ['-c', step.run.replace(/&& npm cache clean --force/, '')], dirs[i]);
      }
    }
  });
  const image = dirs[dirs.length - 1];
  if (readdirSync(join(image, 'dist')).some((f) => f.endsWith('.map'))) fail('the image holds source maps');
  const out = run(process.execPath, [join(image, 'dist', 'svcsim.cjs'), 'run', join(image, 'scenarios', 'seed-two-nodes.yaml'), '--requests', '2000',
    '--jobs', '2', '--no-progress', '--out', join(elsewhere, 'image-run')], elsewhere);
  if (!out.includes('Wrote 7 files')) fail(`the image's run printed: ${out}`);
  console.log(`Dockerfile: its ${stages.length} stages' COPY and RUN steps (built from a clean copy, production dependencies only) make a svcsim that runs from another directory`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The Dockerfile's stages: each a name and its COPY (sources, destination, --from) and RUN steps, in order. */
function dockerStages(text) {
  const stages = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [instruction, ...rest] = line.split(/\s+/);
    if (instruction === 'FROM') stages.push(Object.assign([], { name: / AS (\S+)$/i.exec(line)?.[1] }));
    else if (instruction === 'COPY') {
      const from = rest[0].startsWith('--from=') ? rest.shift().slice('--from='.length) : undefined;
      stages.at(-1).push({ from, copy: { sources: rest.slice(0, -1), dest: rest.at(-1) } });
    } else if (instruction === 'RUN') stages.at(-1).push({ run: rest.join(' ') });
  }
  return stages;
}
