import type { Verdict } from '../stats/results.js';

/**
 * The width to fit the console report in: COLUMNS when it is a positive whole number (a shell
 * sets it for its own width, a user to ask for another), else the terminal's, else 80.
 */
export function terminalWidth(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean; columns?: number }): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : 80;
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything but the empty string (no-color.org). */
export function useColors(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

const VERDICT_COLOR: Record<Verdict, number> = { pass: 32, fail: 31, inconclusive: 33 };

/** A verdict, green, red or yellow when colours are on. */
export function paintVerdict(verdict: Verdict, colors: boolean): string {
  return colors ? `\x1b[${VERDICT_COLOR[verdict]}m${verdict}\x1b[39m` : verdict;
}
