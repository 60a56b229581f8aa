import { readFileSync } from 'node:fs';

/** Set by the bundler (scripts/build.mjs); read from package.json when running from source. */
declare const SVCSIM_VERSION: string | undefined;

/** svcsim's version, for --version and run.json. */
export function svcsimVersion(): string {
  if (typeof SVCSIM_VERSION === 'string') return SVCSIM_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
