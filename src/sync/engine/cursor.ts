// HubSpot's list cursor is documented as opaque, but it encodes the id to start from (the spec's
// own example, "NTI1Cg==", is base64 of "525\n"). When the first page shows that shape, a backfill
// can start other windows from any id; when it does not, one window reads everything in order.

export interface CursorFormat {
  encoding: 'plain' | 'base64' | 'base64url';
  newline: boolean;
  /** The cursor names the next record's id (inclusive) rather than the last one returned. */
  inclusive: boolean;
}

function decodings(after: string): { encoding: CursorFormat['encoding']; text: string }[] {
  const raw = after.includes('%') ? decodeURIComponent(after) : after;
  const out: { encoding: CursorFormat['encoding']; text: string }[] = [{ encoding: 'plain', text: raw }];
  if (/^[A-Za-z0-9+/]+=*$/.test(raw))
    out.push({ encoding: 'base64', text: Buffer.from(raw, 'base64').toString('utf8') });
  if (/^[A-Za-z0-9_-]+$/.test(raw))
    out.push({ encoding: 'base64url', text: Buffer.from(raw, 'base64url').toString('utf8') });
  return out;
}

/** The cursor's format, learnt from a page's `after` and the last id on that page; null if unknown. */
export function learnCursor(after: string | undefined, lastId: string | undefined): CursorFormat | null {
  if (after === undefined || lastId === undefined) return null;
  const last = Number(lastId);
  for (const { encoding, text } of decodings(after)) {
    const match = /^(\d+)(\n?)$/.exec(text);
    if (match === null) continue;
    const id = Number(match[1]);
    if (id === last || id > last) return { encoding, newline: match[2] === '\n', inclusive: id > last };
  }
  return null;
}

/** A cursor that starts a listing at `id` (inclusive), in the learnt format. */
export function cursorAt(format: CursorFormat, id: number): string {
  const text = `${format.inclusive ? id : id - 1}${format.newline ? '\n' : ''}`;
  if (format.encoding === 'plain') return text;
  return Buffer.from(text, 'utf8').toString(format.encoding);
}
