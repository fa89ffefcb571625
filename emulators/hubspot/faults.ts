// Fault injection for API calls: answer with a status (429 with HubSpot's body, 5xx), hold the
// request until the client gives up (timeout), drop the connection (reset), or add latency.
// Rules match by method and path (a glob with `*`, or a regular expression), fire with a
// probability, and can be limited to the next N matching calls.
import { shortId } from './ids.ts';

export type FaultAction =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'rate-limit'; policy?: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY' }
  | { type: 'timeout'; ms?: number }
  | { type: 'reset' }
  | { type: 'latency'; ms: number };

export interface FaultRuleInput {
  method?: string;
  /** A glob on the URL path (`*` matches anything), e.g. `/crm/v3/objects/contacts*`. */
  path?: string;
  /** A regular expression on the URL path, instead of `path`. */
  pathRegex?: string;
  probability?: number;
  count?: number;
  action: FaultAction;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  hits: number;
  remaining: number | undefined;
}

const ACTION_TYPES = ['status', 'rate-limit', 'timeout', 'reset', 'latency'];

export function checkFaultInput(raw: unknown): FaultRuleInput {
  const input = (raw ?? {}) as Record<string, unknown>;
  const action = input.action as Record<string, unknown> | undefined;
  if (!action || typeof action.type !== 'string' || !ACTION_TYPES.includes(action.type)) {
    throw new Error(`action.type must be one of ${ACTION_TYPES.join(', ')}`);
  }
  if (action.type === 'status' && typeof action.status !== 'number')
    throw new Error('action.status is required');
  if (action.type === 'latency' && typeof action.ms !== 'number') throw new Error('action.ms is required');
  if (
    input.probability !== undefined &&
    (typeof input.probability !== 'number' || input.probability < 0 || input.probability > 1)
  ) {
    throw new Error('probability must be between 0 and 1');
  }
  if (input.count !== undefined && (typeof input.count !== 'number' || input.count < 1)) {
    throw new Error('count must be a positive number');
  }
  if (typeof input.pathRegex === 'string') new RegExp(input.pathRegex);
  return {
    ...(typeof input.method === 'string' ? { method: input.method.toUpperCase() } : {}),
    ...(typeof input.path === 'string' ? { path: input.path } : {}),
    ...(typeof input.pathRegex === 'string' ? { pathRegex: input.pathRegex } : {}),
    ...(typeof input.probability === 'number' ? { probability: input.probability } : {}),
    ...(typeof input.count === 'number' ? { count: input.count } : {}),
    action: action as FaultAction,
  };
}

function pathMatcher(glob: string | undefined, regex: string | undefined): (path: string) => boolean {
  if (regex !== undefined) {
    const re = new RegExp(regex);
    return (path) => re.test(path);
  }
  if (glob === undefined) return () => true;
  const re = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return (path) => re.test(path);
}

export class FaultInjector {
  private rules: Array<FaultRule & { matches: (path: string) => boolean }> = [];
  injected = 0;

  constructor(private readonly random: () => number) {}

  add(input: FaultRuleInput): FaultRule {
    const rule = {
      ...input,
      id: shortId(),
      hits: 0,
      remaining: input.count,
      matches: pathMatcher(input.path, input.pathRegex),
    };
    this.rules.push(rule);
    return publicRule(rule);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(publicRule);
  }

  /** The faults to apply to a call: accumulated latency and at most one terminal action. */
  match(method: string, path: string): { latencyMs: number; action: FaultAction | undefined } {
    let latencyMs = 0;
    let action: FaultAction | undefined;
    for (const rule of this.rules) {
      if (rule.method !== undefined && rule.method !== method.toUpperCase()) continue;
      if (!rule.matches(path)) continue;
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.action.type !== 'latency' && action !== undefined) continue;
      rule.hits++;
      if (rule.remaining !== undefined) rule.remaining--;
      this.injected++;
      if (rule.action.type === 'latency') latencyMs += rule.action.ms;
      else action = rule.action;
    }
    this.rules = this.rules.filter((rule) => rule.remaining === undefined || rule.remaining > 0);
    return { latencyMs, action };
  }
}

function publicRule(rule: FaultRule): FaultRule {
  return {
    id: rule.id,
    ...(rule.method === undefined ? {} : { method: rule.method }),
    ...(rule.path === undefined ? {} : { path: rule.path }),
    ...(rule.pathRegex === undefined ? {} : { pathRegex: rule.pathRegex }),
    ...(rule.probability === undefined ? {} : { probability: rule.probability }),
    ...(rule.count === undefined ? {} : { count: rule.count }),
    action: rule.action,
    hits: rule.hits,
    remaining: rule.remaining,
  };
}
