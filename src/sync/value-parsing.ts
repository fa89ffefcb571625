// Strict parsers and formatters for the string forms HubSpot uses (every property value is a
// string) and for Thena's canonical forms. Shared by conversion and filters so that a value a
// filter accepts is a value conversion accepts. Parsers return values: bad data is expected.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

export const DAY_MS = 86_400_000;

/** HubSpot and the filters treat whitespace-only like no value at all. */
export function isBlank(raw: string | null | undefined): raw is null | undefined | '' {
  return raw === null || raw === undefined || raw.trim() === '';
}

// Digits with an optional "." and exponent: "1200.50", "-3", ".5", "1e3". Thousands separators and
// decimal commas are refused rather than guessed ("1,000" is a thousand in one locale, one in another).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) {
    if (trimmed.includes(','))
      return bad('is not a number (use "." for decimals and no thousands separators)');
    if (trimmed.includes(';')) return bad('is not a number (a number holds a single value)');
    return bad('is not a number');
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return bad('is too large a number');
  return ok(Object.is(value, -0) ? 0 : value);
}

/** A plain decimal string, never in exponent form: HubSpot's number properties refuse "1e+21". */
export function formatDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot format ${n} as a decimal`);
  if (Object.is(n, -0)) return '0';
  const shortest = String(n);
  return shortest.includes('e') ? expandExponent(shortest) : shortest;
}

function expandExponent(shortest: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (match === null) throw new Error(`unexpected number form ${shortest}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

// Years 0001-9999 only: they are what `toISOString` writes in four digits and what both APIs read.
const MIN_MS = utcMs(1, 1, 1);
const MAX_MS = utcMs(9999, 12, 31, 23, 59, 59, 999);

function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const EPOCH_MS = /^-?\d{1,16}$/;

/**
 * An instant from ISO-8601 (an offset-less time is UTC: HubSpot writes UTC), a date (midnight UTC)
 * or epoch milliseconds, the three forms HubSpot reads and writes.
 */
export function parseInstant(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (EPOCH_MS.test(trimmed)) return inRange(Number(trimmed));
  const match = ISO.exec(trimmed);
  if (match === null) return bad('is not a date-time (expected ISO-8601 or epoch milliseconds)');
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return bad('is not a calendar date');
  if (hour > 23 || minute > 59 || second > 59) return bad('is not a valid time of day');
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === null) return bad('has an invalid UTC offset');
  // Sub-millisecond digits cannot be represented by either side; they are dropped.
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  return inRange(utcMs(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

function parseOffset(offset: string): number | null {
  if (offset === 'Z' || offset === 'z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return null;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function inRange(ms: number): Parsed<number> {
  return ms >= MIN_MS && ms <= MAX_MS ? ok(ms) : bad('is outside the years 0001-9999');
}

/** Midnight UTC of the day a HubSpot date value names (any instant form is cut to its UTC day). */
export function parseDay(text: string): Parsed<number> {
  const instant = parseInstant(text);
  if (!instant.ok) return bad('is not a date (expected YYYY-MM-DD or epoch milliseconds)');
  return ok(Math.floor(instant.value / DAY_MS) * DAY_MS);
}

/** Only the `YYYY-MM-DD` form: what Thena date values and date filters are written in. */
export function parseCalendarDay(text: string): Parsed<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return bad('is not a date in the form YYYY-MM-DD');
  return parseDay(text);
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export function isCalendarDayText(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

/** HubSpot booleans are the strings "true" and "false"; their case is not significant. */
export function parseBool(text: string): Parsed<boolean> {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return ok(true);
  if (lower === 'false') return ok(false);
  return bad('is not a boolean (expected "true" or "false")');
}

/** `HH:MM` on a 24-hour clock; `:00` seconds are accepted, other seconds cannot be kept. */
export function parseTime(text: string): Parsed<string> {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)(?::00)?$/.exec(text.trim());
  if (match === null) return bad('is not a time of day (expected HH:MM)');
  return ok(`${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`);
}

/**
 * The options of a multi-checkbox value, in order and without repeats. Empty segments are dropped,
 * which also reads HubSpot's append syntax (a leading ";") as the same list.
 */
export function splitMulti(raw: string): string[] {
  const seen = new Set<string>();
  for (const segment of raw.split(';')) {
    const option = segment.trim();
    if (option !== '') seen.add(option);
  }
  return [...seen];
}

// Deliberately loose: one "@", no spaces, a dotted domain. The mailbox owner is the real validator.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** Length in characters as people count them: an emoji is one, not two UTF-16 units. */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A low surrogate that follows a high one completes a character already counted.
    const completesPair =
      unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1));
    if (!completesPair) count++;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** A quoted, shortened copy of a value for messages: errors must not carry whole documents. */
export function preview(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const chars = Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('');
  return chars.length < text.length ? `${JSON.stringify(chars)}…` : JSON.stringify(chars);
}
