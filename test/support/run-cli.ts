import { runCli, type CliIo } from '../../src/cli/cli.js';

/** Runs the CLI in-process, capturing what it prints and its exit code. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; } };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** A CSV file's rows as records by header (svcsim writes no quoted commas in these files). */
export function records(text: string): Array<Record<string, string>> {
  const [head, ...rows] = text.trimEnd().split('\n').map((line) => line.split(','));
  return rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}
