// Date and datetime values. HubSpot accepts ISO 8601 strings or epoch milliseconds; a `date`
// property holds a day only, so epoch values must fall on midnight UTC. The emulator answers
// `date` values as `YYYY-MM-DD` and `datetime` values as ISO 8601 with milliseconds, always.
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = /^-?\d+$/;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch ms of a `YYYY-MM-DD`, an ISO string or an epoch-ms string; undefined when unparseable. */
export function parseInstant(raw: string): number | undefined {
  const text = raw.trim();
  if (DIGITS.test(text)) return Number(text);
  const ymd = YMD.exec(text);
  if (ymd) {
    const ms = Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3]));
    return isoDate(ms) === text ? ms : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export type DateCheck = { ok: true; value: string } | { ok: false; message: string };

export function normalizeDate(raw: string): DateCheck {
  const ms = parseInstant(raw);
  if (ms === undefined) return { ok: false, message: `${raw} was not a valid date.` };
  const rest = ((ms % 86_400_000) + 86_400_000) % 86_400_000;
  if (rest !== 0) {
    const at = new Date(ms);
    const time = `${at.getUTCHours()}:${at.getUTCMinutes()}:${at.getUTCSeconds()}.${at.getUTCMilliseconds()}`;
    return { ok: false, message: `${raw} is at ${time} UTC, not midnight!` };
  }
  return { ok: true, value: isoDate(ms) };
}

export function normalizeDateTime(raw: string): DateCheck {
  const ms = parseInstant(raw);
  if (ms === undefined) return { ok: false, message: `${raw} was not a valid datetime.` };
  return { ok: true, value: isoDateTime(ms) };
}
