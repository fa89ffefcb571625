// Reads a JSON body field by field and collects class-validator-style messages, so one 400 names
// every problem at once ("email must be an email", "name should not be empty").
import { badRequest } from './errors.ts';

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmail = (value: string): boolean => EMAIL.test(value) && value.length <= 320;

export class BodyReader {
  readonly errors: string[];
  readonly #body: Json;
  readonly #prefix: string;

  constructor(body: unknown, prefix = '', errors: string[] = []) {
    this.errors = errors;
    this.#prefix = prefix;
    if (isObject(body)) this.#body = body;
    else {
      this.#body = {};
      this.errors.push(prefix ? `${prefix} must be an object` : 'request body must be a JSON object');
    }
  }

  /** A reader over a nested object that reports into the same error list. */
  nested(value: unknown, prefix: string): BodyReader {
    return new BodyReader(value, prefix, this.errors);
  }

  name(key: string): string {
    return this.#prefix ? `${this.#prefix}.${key}` : key;
  }

  has(key: string): boolean {
    return this.#body[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.#body[key];
  }

  fail(message: string): void {
    this.errors.push(message);
  }

  requiredString(key: string, maxLength = 255): string {
    const value = this.#body[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(`${this.name(key)} should not be empty`);
      if (value !== undefined && typeof value !== 'string') this.fail(`${this.name(key)} must be a string`);
      return '';
    }
    return this.#checkLength(key, value, maxLength);
  }

  /** undefined when absent, null when explicitly cleared. */
  optionalString(key: string, maxLength = 255): string | null | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string') {
      this.fail(`${this.name(key)} must be a string`);
      return undefined;
    }
    return this.#checkLength(key, value, maxLength);
  }

  requiredEmail(key: string): string {
    const value = this.requiredString(key, 320);
    if (value !== '' && !isEmail(value)) this.fail(`${this.name(key)} must be an email`);
    return value;
  }

  optionalNumber(key: string, options: { integer?: boolean; min?: number } = {}): number | null | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(`${this.name(key)} must be a number conforming to the specified constraints`);
      return undefined;
    }
    if (options.integer === true && !Number.isInteger(value)) {
      this.fail(`${this.name(key)} must be an integer number`);
    }
    if (options.min !== undefined && value < options.min) {
      this.fail(`${this.name(key)} must not be less than ${options.min}`);
    }
    return value;
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(`${this.name(key)} must be a boolean value`);
      return undefined;
    }
    return value;
  }

  optionalStringArray(key: string, maxItems = 1000): string[] | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.fail(`${this.name(key)} must be an array`);
      return undefined;
    }
    if (value.length > maxItems)
      this.fail(`${this.name(key)} must contain no more than ${maxItems} elements`);
    if (!value.every((item) => typeof item === 'string' && item !== '')) {
      this.fail(`each value in ${this.name(key)} must be a non-empty string`);
      return undefined;
    }
    return value as string[];
  }

  optionalObject(key: string): Json | null | undefined {
    const value = this.#body[key];
    if (value === undefined || value === null) return value;
    if (!isObject(value)) {
      this.fail(`${this.name(key)} must be an object`);
      return undefined;
    }
    return value;
  }

  /** Throws the collected messages as one 400. */
  throwIfInvalid(): void {
    if (this.errors.length > 0) throw badRequest([...this.errors]);
  }

  #checkLength(key: string, value: string, maxLength: number): string {
    if (value.length > maxLength) {
      this.fail(`${this.name(key)} must be shorter than or equal to ${maxLength} characters`);
    }
    return value;
  }
}

/** Page/limit query parameters: whole numbers, `limit` capped (a 400 beyond the cap, never silent). */
export function readPaging(
  query: Record<string, unknown>,
  options: { firstPage: 0 | 1; defaultLimit: number; maxLimit: number },
): { page: number; limit: number } {
  const errors: string[] = [];
  const read = (key: string, fallback: number, min: number, max: number): number => {
    const raw = query[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      errors.push(`${key} must be a whole number between ${min} and ${max}`);
      return fallback;
    }
    return value;
  };
  const page = read('page', options.firstPage, options.firstPage, Number.MAX_SAFE_INTEGER);
  const limit = read('limit', options.defaultLimit, 1, options.maxLimit);
  if (errors.length > 0) throw badRequest(errors);
  return { page, limit };
}
