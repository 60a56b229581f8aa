/**
 * The report builder, loaded only when a report is asked for: it brings vega, vega-lite and a
 * CSV parser (about 0.3 s to load), which a plain `svcsim run` never pays. In the CLI bundle,
 * scripts/build.mjs replaces this module with a require() of dist/svcsim-report.cjs, the builder
 * bundled on its own (vega's ES modules cannot be import()ed from the code-cached bundle).
 */
export function loadReportBuilder(): Promise<typeof import('./build-report.js')> {
  return import('./build-report.js');
}
