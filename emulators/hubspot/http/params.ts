// Query-string helpers. The SDK sends array parameters repeated (`?properties=a&properties=b`);
// browsers and hand-written clients send them comma-joined; HubSpot accepts both.
import { validationError } from '../errors.ts';

export type Query = Record<string, string | string[] | undefined>;

export function listParam(query: Query, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(','));
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

export function stringParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw[0] : raw;
}

export function boolParam(query: Query, name: string, fallback: boolean): boolean {
  const raw = stringParam(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  throw validationError(`Unable to parse query parameter '${name}' with value '${raw}' as a boolean`);
}

export function intParam(query: Query, name: string, fallback: number): number {
  const raw = stringParam(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) {
    throw validationError(`Unable to parse query parameter '${name}' with value '${raw}' as an integer`);
  }
  return Number(raw);
}

/** Reads an object body, answering HubSpot's 400 when the body is absent or not an object. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('Invalid input JSON on line 1, column 1: Cannot deserialize the request body');
  }
  return body as Record<string, unknown>;
}

/** A JSON scalar as text (ids arrive as strings or numbers); anything else becomes ''. */
export function text(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return '';
}
