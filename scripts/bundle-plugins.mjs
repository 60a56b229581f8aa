// esbuild plugins for the CLI bundle (scripts/build.mjs). Each removes a start-up cost that a
// dependency pays when loaded, without changing what it computes; the built-CLI tests run the
// paths they touch (a run, and the help text).
import { dirname, join } from 'node:path';

const RESOLVING = Symbol('lazy-string-width: resolving');

/**
 * string-width builds an Intl.Segmenter and a `\p{RGI_Emoji}` regular expression when it is
 * loaded: about 17 ms for the two copies yargs and cliui bring, in every run, though only help
 * and error text ever measure a string. The bundle loads each copy on its first call instead.
 */
export const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      // Only the ES-module copies (v7, v8) are costly; cli-table3 require()s the light v4.
      if (args.pluginData === RESOLVING || args.kind !== 'import-statement') return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: RESOLVING });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      // A require() of an ES module makes esbuild defer the module's body to the first call.
      contents: [
        'let measure;',
        `export default function stringWidth(text, options) { measure ??= require(${JSON.stringify(args.path)}).default; return measure(text, options); }`,
      ].join('\n'),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * hdr-histogram-js ships its WebAssembly deflated and inflates it with pako, in JavaScript, on
 * every start: about 8 ms, against a fraction of one for Node's own zlib. LatencyHistogram loads
 * only the library's builder and WebAssembly module, whose one use of pako is `inflate` (bytes in,
 * bytes out, as zlib's inflateSync): that is all the stand-in has.
 */
export const pakoFromZlib = {
  name: 'pako-from-zlib',
  setup(build) {
    build.onResolve({ filter: /^pako$/ }, () => ({ path: 'pako', namespace: 'pako-from-zlib' }));
    build.onLoad({ filter: /.*/, namespace: 'pako-from-zlib' }, () => ({
      contents: "const zlib = require('node:zlib');\nexports.inflate = (data) => zlib.inflateSync(data);",
      loader: 'js',
    }));
  },
};

/**
 * The same module decodes that WebAssembly from base64 with base64-js, in JavaScript (about
 * 3 ms); Node's Buffer decodes natively. `toByteArray` is its one use; both return bytes (a
 * Buffer is a Uint8Array).
 */
export const base64FromBuffer = {
  name: 'base64-from-buffer',
  setup(build) {
    build.onResolve({ filter: /^base64-js$/ }, () => ({ path: 'base64-js', namespace: 'base64-from-buffer' }));
    build.onLoad({ filter: /.*/, namespace: 'base64-from-buffer' }, () => ({
      contents: "exports.toByteArray = (text) => Buffer.from(text, 'base64');",
      loader: 'js',
    }));
  },
};

/**
 * The report builder (src/output/report/) is a bundle of its own, dist/svcsim-report.cjs: vega,
 * vega-lite and papaparse are about 1.3 MB that a plain run would compile for nothing. The CLI
 * bundle's loadReportBuilder require()s it on the first report; import() would not do, as the
 * launcher compiles the CLI bundle with vm.Script, which has no dynamic-import callback on Node 20.
 */
export const reportBuilderApart = {
  name: 'report-builder-apart',
  setup(build) {
    build.onLoad({ filter: /src[\\/]output[\\/]report[\\/]load-report\.ts$/ }, () => ({
      contents: "export function loadReportBuilder() { return Promise.resolve().then(() => require('./svcsim-report.cjs')); }",
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/svcsim-report\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * vega-canvas's Node build tries `await import('canvas')` at the top level, which a CommonJS
 * bundle cannot hold; its browser build finds no canvas in Node either. Without a canvas, vega
 * estimates text widths, as it does from the ES modules when the canvas package is missing: the
 * charts do not depend on the fonts of the machine that builds them.
 */
export const vegaCanvasWithoutNodeCanvas = {
  name: 'vega-canvas-without-node-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, async (args) => {
      if (args.pluginData === RESOLVING) return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: RESOLVING });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: join(dirname(real.path), 'vega-canvas.browser.js') };
    });
  },
};
