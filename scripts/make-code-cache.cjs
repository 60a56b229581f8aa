// Makes the V8 code cache that dist/svcsim.cjs (src/cli/launcher.cjs) reads; run by
// scripts/build.mjs as `node make-code-cache.cjs BUNDLE CACHE ARGS...`. It compiles the bundle
// as the launcher does and runs the CLI with ARGS, because V8 compiles most functions only when
// first called and the cache holds only what was compiled; then it writes the SHA-1 of V8's data
// and the data (the launcher checks the digest).
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, resolve } = require('node:path');
const { Script } = require('node:vm');

const [bundleArg, cacheFile, ...args] = process.argv.slice(2);
const filename = resolve(bundleArg);
const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), { filename });
process.argv = [process.argv[0], filename, ...args];
process.once('exit', (code) => {
  if (code !== 0) return;
  const data = script.createCachedData();
  writeFileSync(cacheFile, Buffer.concat([createHash('sha1').update(data).digest(), data]));
});
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, Module.createRequire(filename), bundleModule, filename, dirname(filename));
