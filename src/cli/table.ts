// Plain-text tables for the terminal: columns padded to their widest cell, long cells cut.
const MAX_CELL = 60;

function cut(text: string, max: number): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  maxCell = MAX_CELL,
): string[] {
  const cells = rows.map((row) => row.map((cell) => cut(cell, maxCell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)];
}

export const count = (n: number | null): string => (n === null ? 'unknown' : n.toLocaleString('en-US'));

/** `2026-11-26 20:31:12` (UTC), or `-`. */
export const when = (iso: string | null): string =>
  iso === null ? '-' : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
