// Builds dist/: tsc emits the library (dist/index.js and types), esbuild bundles the CLI into
// one file, dist/svcsim.mjs, because Node 20 spends about 0.25 s resolving and compiling the
// few hundred small ES modules of its dependencies one by one.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
execFileSync(process.execPath, [new URL('../node_modules/typescript/bin/tsc', import.meta.url).pathname, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/svcsim.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { SVCSIM_VERSION: JSON.stringify(pkg.version) },
  // Some dependencies are CommonJS and call require(); give the ES module bundle one.
  banner: { js: "import { createRequire as svcsimCreateRequire } from 'node:module'; const require = svcsimCreateRequire(import.meta.url);" },
});
