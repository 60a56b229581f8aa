import Table from 'cli-table3';
import { useColors } from './terminal.js';

export interface ReportOptions {
  /** ANSI colours in the table; by default only when stdout is a terminal and NO_COLOR is not set. */
  colors?: boolean;
  /** The width to fit in, in columns (default 80; the CLI passes the terminal's). */
  width?: number;
}

/** The widest line of `text` as shown: colour escapes take no room. */
export function textWidth(text: string): number {
  return Math.max(...text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((line) => line.length));
}

export function resolved(options: ReportOptions): Required<ReportOptions> {
  return { width: options.width ?? 80, colors: options.colors ?? useColors(process.env, process.stdout) };
}

/** Hard-wraps each line of `text` at `width` characters. */
function wrap(text: string, width: number): string {
  return text.split('\n').flatMap((line) => line.match(new RegExp(`.{1,${width}}`, 'g')) ?? ['']).join('\n');
}

/** Each column's natural width: its widest value, and its head unless `valuesOnly`. */
export function columnWidths(head: string[], rows: string[][], valuesOnly: boolean): number[] {
  return head.map((h, i) => Math.max(valuesOnly ? 0 : textWidth(h), ...rows.map((r) => textWidth(r[i]))));
}

/** A table's width: each column costs its text, one space of padding either side and one border. */
export function tableWidth(widths: number[]): number {
  return widths.reduce((a, n) => a + n + 3, 1);
}

/**
 * A table with `leftColumns` label columns and right-aligned value columns. When the natural
 * widths do not fit in `options.width`, the value columns' heads wrap; values never do.
 */
export function table(head: string[], rows: string[][], leftColumns: number, options: ReportOptions): string {
  const { width, colors } = resolved(options);
  const valueWidths = columnWidths(head, rows, true);
  const fitted = [...head];
  if (tableWidth(columnWidths(head, rows, false)) > width) {
    const labels = tableWidth(columnWidths(head, rows, false).slice(0, leftColumns));
    const each = Math.floor((width - labels) / (head.length - leftColumns)) - 3;
    for (let i = leftColumns; i < head.length; i++) fitted[i] = wrap(head[i], Math.max(each, valueWidths[i], 6));
  }
  const t = new Table({
    head: fitted,
    colAligns: head.map((_, i) => (i < leftColumns ? 'left' : 'right')),
    style: colors ? { head: ['bold'], border: ['grey'], compact: true } : { head: [], border: [], compact: true },
  });
  t.push(...rows);
  return t.toString();
}

/** Joins pieces with spaces in lines of at most `width` characters, breaking only between pieces. */
export function wrapPieces(pieces: string[], width: number): string {
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + piece.length <= width) lines[last] += ` ${piece}`;
    else lines.push(piece);
  }
  return lines.join('\n');
}
