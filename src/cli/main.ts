import { hideBin } from 'yargs/helpers';
import { runCli } from './cli.js';

// No top-level await: scripts/build.mjs bundles this entry as CommonJS. A rejection still ends
// the process with the error's stack and exit code 1.
void runCli(hideBin(process.argv)).then((code) => { process.exitCode = code; });
