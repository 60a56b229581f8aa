#!/usr/bin/env node
// The svcsim command (dist/svcsim.cjs): runs the CLI bundle, dist/svcsim-cli.cjs, with the V8
// code cache that `npm run build` made (scripts/make-code-cache.cjs). Plain JavaScript, not
// compiled by tsc: scripts/build.mjs copies it to dist/, filling in SVCSIM_CLI_BUNDLE,
// SVCSIM_CODE_CACHE and SVCSIM_V8_FLAGS (the one V8 flag, and why, are in the build script). CommonJS itself too: Node starts an ES module entry point through its ESM
// loader, about 5 ms more.
//
// Why: compiling the 2 MB bundle costs about 50 ms of every run (bench/RESULTS.md), and Node 20
// has no compile cache for modules (module.enableCompileCache is Node 22+). vm.Script takes a
// cache, for a CommonJS function; hence a CommonJS bundle. The launcher only reads: a run never
// writes into the installation. A missing or rejected cache (another Node, or V8 flags such as
// --max-old-space-size) just means compiling from source.
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// Before the bundle is compiled, so the code cache's flag hash matches.
setFlagsFromString(SVCSIM_V8_FLAGS);

const dir = __dirname;
const filename = join(dir, SVCSIM_CLI_BUNDLE);
// V8 checks a cache against the length of the source, not its content, so the build names the
// cache after a hash of the bundle: a rebuilt bundle never meets an old cache.
const cacheFile = join(dir, SVCSIM_CODE_CACHE);

if (process.sourceMapsEnabled) {
  // --enable-source-maps: Node maps stack traces only for the files it loads itself.
  require(filename);
} else {
  const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData: readCodeCache() });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(filename), module, filename, dir);
}

/**
 * The cache's data, or undefined when there is none or it is damaged. The file is the SHA-1 of
 * V8's data, then the data (scripts/make-code-cache.cjs): V8 checks its version, flags and
 * length but not a checksum, so a flipped bit would crash the process, not be rejected.
 */
function readCodeCache() {
  try {
    const file = readFileSync(cacheFile);
    const data = file.subarray(20);
    return createHash('sha1').update(data).digest().equals(file.subarray(0, 20)) ? data : undefined;
  } catch {
    return undefined;
  }
}
