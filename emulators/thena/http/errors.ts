// Errors in the NestJS shape Thena's backend most plausibly uses: `{ statusCode, message, error }`
// where `message` is a string, or a list of strings for body validation (class-validator style).
// Extra fields (e.g. `existingContactId` on a duplicate email) ride alongside.
import { STATUS_CODES } from 'node:http';

export class HttpError extends Error {
  readonly statusCode: number;
  readonly messages: string | string[];
  readonly extra: Record<string, unknown>;

  constructor(statusCode: number, message: string | string[], extra: Record<string, unknown> = {}) {
    super(Array.isArray(message) ? message.join('; ') : message);
    this.statusCode = statusCode;
    this.messages = message;
    this.extra = extra;
  }
}

export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  [extra: string]: unknown;
}

export function errorBody(
  statusCode: number,
  message: string | string[],
  extra: Record<string, unknown> = {},
): ErrorBody {
  return { statusCode, message, error: STATUS_CODES[statusCode] ?? 'Error', ...extra };
}

export const badRequest = (message: string | string[]): HttpError => new HttpError(400, message);
export const unauthorized = (message: string): HttpError => new HttpError(401, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);
export const conflict = (message: string, extra: Record<string, unknown> = {}): HttpError =>
  new HttpError(409, message, extra);
