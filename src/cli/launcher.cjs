#!/usr/bin/env node
// The svcsim command (dist/svcsim.cjs): runs the CLI bundle, dist/svcsim-cli.cjs, with a V8 code
// cache. Plain JavaScript, not compiled by tsc: scripts/build.mjs copies it to dist/, filling in
// SVCSIM_CLI_BUNDLE and SVCSIM_CODE_CACHE. CommonJS itself too: Node starts an ES module entry
// point through its ESM loader, about 5 ms more.
//
// Why: compiling the 2 MB bundle costs about 50 ms of every run, and Node 20 has no compile cache
// for modules (module.enableCompileCache is Node 22+). vm.Script takes a cache, for a CommonJS
// function; hence a CommonJS bundle.
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// TurboFan stops inlining into a function once 920 bytes of bytecode are inlined into it; the
// data path's handlers are larger than that, so the small methods they call (link delays,
// counters, the recorder) stayed calls. A larger budget measured about 5-15% less time in the
// event loop. Set before the bundle is compiled, so the code cache's flag hash matches.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=4000');

const dir = __dirname;
const filename = join(dir, SVCSIM_CLI_BUNDLE);
// V8 checks a cache against the length of the source, not its content, so the build names the
// cache after a hash of the bundle: a rebuilt bundle never meets an old cache.
const cacheFile = join(dir, SVCSIM_CODE_CACHE);

// The cache file is the SHA-1 of V8's data, then the data. V8 checks its version, flags and
// length but not a checksum: a flipped bit would crash the process, not be rejected.
const DIGEST_BYTES = 20;
const digest = (data) => createHash('sha1').update(data).digest();

if (process.sourceMapsEnabled) {
  // --enable-source-maps: Node maps stack traces only for the files it loads itself.
  require(filename);
} else {
  runCached();
}

function runCached() {
  const cachedData = readCodeCache();
  const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Another Node, or V8 flags such as --max-old-space-size, reject a cache: write a new one.
    // After the run, since V8 compiles most functions only when first called; and only after
    // a run that worked, as a cache taken after --help would lack most of what runs compile.
    process.once('exit', (code) => {
      if (code === 0 && process.argv[2] === 'run') writeCodeCache(script);
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(filename), module, filename, dir);
}

/** The cache's data, or undefined when there is none or it is damaged. */
function readCodeCache() {
  try {
    const file = readFileSync(cacheFile);
    const data = file.subarray(DIGEST_BYTES);
    return digest(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined; // none yet: compile from source, and write one after the run
  }
}

/** Writes the cache under a temporary name and renames it: parallel runs never see half a file. */
function writeCodeCache(script) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    writeFileSync(temp, Buffer.concat([digest(data), data]));
    renameSync(temp, cacheFile);
  } catch {
    // A read-only install runs without a cache.
    try { rmSync(temp, { force: true }); } catch { /* as above */ }
  }
}
