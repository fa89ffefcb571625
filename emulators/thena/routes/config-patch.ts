// PATCH /_emulator/config: changes a few settings at run time, checking each one it touches.
import type { EmulatorConfig } from '../config.ts';
import { isObject } from '../http/body-reader.ts';
import { badRequest } from '../http/errors.ts';

type Checker = (value: unknown) => boolean;

const isUrlOrNull: Checker = (value) => value === null || (typeof value === 'string' && URL.canParse(value));
const isNonNegative: Checker = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isPositive: Checker = (value) => isNonNegative(value) && (value as number) > 0;
const isProbability: Checker = (value) => isNonNegative(value) && (value as number) <= 1;
const isBoolean: Checker = (value) => typeof value === 'boolean';
const oneOf =
  (...allowed: string[]): Checker =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);
const isSchedule: Checker = (value) => Array.isArray(value) && value.every(isNonNegative);

const TOP: Record<string, Checker> = {
  installationUrl: isUrlOrNull,
  eventsUrl: isUrlOrNull,
  webhookSecret: (value) => typeof value === 'string' && value.length > 0,
  latencyMs: isNonNegative,
  responseShape: oneOf('documented', 'enveloped'),
  contactAccountsShape: oneOf('objects', 'names'),
  eventEnvelope: oneOf('message', 'flat'),
};

const NESTED: Record<'rateLimit' | 'delivery', Record<string, Checker>> = {
  rateLimit: { enabled: isBoolean, limit: isPositive, windowMs: isPositive },
  delivery: {
    retryScheduleMs: isSchedule,
    timeoutMs: isPositive,
    concurrency: isPositive,
    reorder: isBoolean,
    duplicateProbability: isProbability,
    dropProbability: isProbability,
  },
};

function checkAll(body: Record<string, unknown>, checkers: Record<string, Checker>, prefix: string): void {
  for (const [key, value] of Object.entries(body)) {
    const check = checkers[key];
    if (!check) throw badRequest([`${prefix}${key} is not a setting that can be changed`]);
    if (!check(value)) throw badRequest([`${prefix}${key} has an invalid value`]);
  }
}

/** Validates the whole patch first, then applies it, so a bad patch changes nothing. */
export function applyConfigPatch(config: EmulatorConfig, body: unknown): void {
  if (!isObject(body)) throw badRequest(['config patch must be a JSON object']);
  const { rateLimit, delivery, ...top } = body;
  checkAll(top, TOP, '');
  for (const [name, value] of [
    ['rateLimit', rateLimit],
    ['delivery', delivery],
  ] as const) {
    if (value === undefined) continue;
    if (!isObject(value)) throw badRequest([`${name} must be an object`]);
    checkAll(value, NESTED[name], `${name}.`);
  }
  for (const [key, value] of Object.entries(top)) {
    Object.assign(config, { [key]: value === null ? undefined : value });
  }
  if (isObject(rateLimit)) Object.assign(config.rateLimit, rateLimit);
  if (isObject(delivery)) Object.assign(config.delivery, delivery);
}
