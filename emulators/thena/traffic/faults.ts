// Fault injection rules for the API routes: answer with a status (429, 5xx, ...), hang until the
// client times out, reset the connection, or add latency. A rule matches a method (optional) and
// a path prefix, and fires on the next N matching requests or with a probability.
import { isObject } from '../http/body-reader.ts';
import { badRequest } from '../http/errors.ts';

export const FAULT_KINDS = ['status', 'timeout', 'reset', 'latency'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  id: string;
  kind: FaultKind;
  method: string | null;
  pathPrefix: string;
  /** For `status`: the status code answered. */
  status: number;
  /** For `status`: a Retry-After header (seconds) when set. */
  retryAfterSeconds: number | null;
  /** For `latency`: the delay added; for `timeout`: how long the request hangs before the socket closes. */
  delayMs: number;
  probability: number;
  /** Fires on this many more matching requests, then disappears; null = no count limit. */
  remaining: number | null;
  hits: number;
}

function numberField(
  body: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw badRequest([`${key} must be a number between ${min} and ${max}`]);
  }
  return value;
}

export function parseFaultRule(body: unknown, id: string): FaultRule {
  if (!isObject(body)) throw badRequest(['fault must be a JSON object']);
  const kind = body.kind ?? 'status';
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw badRequest([`kind must be one of ${FAULT_KINDS.join(', ')}`]);
  }
  const path = body.path ?? '/';
  if (typeof path !== 'string' || !path.startsWith('/'))
    throw badRequest(['path must be a path prefix such as /v1/accounts']);
  const method = body.method ?? null;
  if (method !== null && typeof method !== 'string') throw badRequest(['method must be a string']);
  const count =
    body.count === undefined || body.count === null ? null : numberField(body, 'count', 1, 1, 1e9);
  const retryAfter = body.retryAfterSeconds;
  return {
    id,
    kind: kind as FaultKind,
    method: method === null ? null : method.toUpperCase(),
    pathPrefix: path,
    status: numberField(body, 'status', 503, 400, 599),
    retryAfterSeconds:
      retryAfter === undefined || retryAfter === null
        ? null
        : numberField(body, 'retryAfterSeconds', 0, 0, 3600),
    delayMs: numberField(body, 'delayMs', kind === 'timeout' ? 60_000 : 1000, 0, 600_000),
    probability: numberField(body, 'probability', 1, 0, 1),
    remaining: count === null ? null : Math.floor(count),
    hits: 0,
  };
}

export class FaultTable {
  #rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.#rules.push(rule);
  }

  list(): FaultRule[] {
    return this.#rules.map((rule) => ({ ...rule }));
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((rule) => rule.id !== id);
    return this.#rules.length !== before;
  }

  clear(): void {
    this.#rules = [];
  }

  /** The first rule that fires for this request, consuming one of its counted hits. */
  pick(method: string, path: string, random: () => number): FaultRule | undefined {
    for (const rule of this.#rules) {
      if (rule.method !== null && rule.method !== method) continue;
      if (!path.startsWith(rule.pathPrefix)) continue;
      if (rule.remaining === null && random() >= rule.probability) continue;
      rule.hits += 1;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.remove(rule.id);
      }
      return rule;
    }
    return undefined;
  }
}
