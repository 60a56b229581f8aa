// Builds dist/: tsc emits the library (dist/index.js and types); esbuild bundles the CLI into
// one file, dist/svcsim-cli.cjs, because Node 20 spends about 0.25 s resolving and compiling the
// few hundred small ES modules of its dependencies one by one. The bin, dist/svcsim.cjs, is a
// launcher (src/cli/launcher.cjs) that runs the bundle with a V8 code cache made here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { base64FromBuffer, lazyStringWidth, pakoFromZlib, reportBuilderApart, vegaCanvasWithoutNodeCanvas } from './bundle-plugins.mjs';

// TurboFan stops inlining into a function once 920 bytes of bytecode are inlined into it; the data
// path's event handlers are larger, so the small methods they call stayed calls. The launcher
// raises the budget before it compiles the bundle, and the code cache is made with the same flag
// (V8 rejects a cache made under other flags): about 20% of the 10M-request run (bench/RESULTS.md).
const v8Flags = '--max-inlined-bytecode-size-cumulative=4000';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
execFileSync(process.execPath, [new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const bundle = 'svcsim-cli.cjs';
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: `dist/${bundle}`,
  bundle: true,
  platform: 'node',
  // CommonJS, not ESM: only a CommonJS function can be compiled with a code cache on Node 20
  // (see the launcher).
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [lazyStringWidth, pakoFromZlib, base64FromBuffer, reportBuilderApart],
  minifyWhitespace: true,
  minifySyntax: true,
  // yargs calls createRequire(import.meta.url), which CommonJS lacks: give it the bundle's URL.
  // The worker threads of --jobs start from the bin, dist/svcsim.cjs, beside the bundle: it loads
  // the bundle with its code cache, and the bundle serves tasks when started in a worker.
  define: { SVCSIM_VERSION: JSON.stringify(pkg.version), SVCSIM_WORKER_FILE: JSON.stringify('svcsim.cjs'), 'import.meta.url': 'svcsimModuleUrl' },
  // Strict, as the ES modules it is made of were.
  banner: { js: "'use strict'; const svcsimModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The report builder, loaded by the CLI only when a report is asked for (see reportBuilderApart).
// No source map: vega's would be megabytes in the package.
await build({
  entryPoints: ['src/output/report/build-report.ts'],
  outfile: 'dist/svcsim-report.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  plugins: [vegaCanvasWithoutNodeCanvas, lazyStringWidth],
  minifyWhitespace: true,
  minifySyntax: true,
  define: { 'import.meta.url': 'svcsimModuleUrl' },
  banner: { js: "'use strict'; const svcsimModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const hash = createHash('sha256').update(readFileSync(`dist/${bundle}`)).digest('hex').slice(0, 16);
const cache = `svcsim-cli.${hash}.v8cache`;
for (const f of readdirSync('dist')) {
  // Earlier builds' caches, and the ES-module launcher that svcsim.cjs replaced.
  if (/^svcsim-cli\..*\.v8cache/.test(f) || /^svcsim\.mjs(\.map)?$/.test(f)) rmSync(join('dist', f), { force: true });
}
await build({
  entryPoints: ['src/cli/launcher.cjs'],
  outfile: 'dist/svcsim.cjs',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  define: { SVCSIM_CLI_BUNDLE: JSON.stringify(bundle), SVCSIM_CODE_CACHE: JSON.stringify(cache), SVCSIM_V8_FLAGS: JSON.stringify(v8Flags) },
});

// The launcher only reads the code cache: it is made here, by a run of the CLI (see
// make-code-cache.cjs), its result files in a temporary directory.
const out = mkdtempSync(join(tmpdir(), 'svcsim-build-'));
try {
  execFileSync(process.execPath, [v8Flags, 'scripts/make-code-cache.cjs', `dist/${bundle}`, `dist/${cache}`,
    'run', 'scenarios/seed-two-nodes.yaml', '--requests', '2000', '--no-progress', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (!existsSync(`dist/${cache}`)) console.warn(`build: no code cache written to dist/${cache}`);
