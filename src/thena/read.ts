// Small, forgiving readers for JSON that Thena documents inconsistently.

export type Json = Record<string, unknown>;

export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first key that holds a string. */
export function text(source: Json, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string') return value;
  }
  return null;
}

/** The first key that holds a finite number (numeric strings count: currency often arrives as text). */
export function numeric(source: Json, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      return Number(value);
  }
  return null;
}

export function object(source: Json, key: string): Json {
  const value = source[key];
  return isJson(value) ? value : {};
}

/** A timestamp as ISO text, from ISO text or Unix seconds / milliseconds; null if none or out of range. */
export function timestamp(source: Json, key: string): string | null {
  const value = source[key];
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Beyond ±8.64e15 ms a Date is invalid, and toISOString() would throw.
    const date = new Date(value < 1e12 ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/**
 * The payload of `{ data, status, message, timestamp }` (or `{ statusCode, message, data }`)
 * envelopes; anything else as it is.
 */
export function unwrap(body: unknown): unknown {
  if (!isJson(body) || !('data' in body)) return body;
  const enveloped =
    typeof body.status === 'boolean' ||
    typeof body.statusCode === 'number' ||
    typeof body.message === 'string' ||
    'timestamp' in body;
  return enveloped ? body.data : body;
}

/** A list from a bare array, an envelope, or an object holding the list under a usual key. */
export function list(body: unknown, ...keys: string[]): unknown[] | undefined {
  const inner = unwrap(body);
  if (Array.isArray(inner)) return inner as unknown[];
  if (!isJson(inner)) return undefined;
  for (const key of [...keys, 'items', 'results', 'records', 'data']) {
    const value = inner[key];
    if (Array.isArray(value)) return value as unknown[];
  }
  return undefined;
}
