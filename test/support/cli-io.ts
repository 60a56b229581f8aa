import { runCli, type CliIo } from '../../src/cli/cli.js';

/** Runs the CLI in-process: its exit code and what it wrote to stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; } };
  const code = await runCli(argv, io);
  return { code, out, err };
}
