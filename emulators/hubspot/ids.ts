// Identifiers shaped like HubSpot's: uuids for correlation ids, opaque tokens of the usual length.
import { randomBytes, randomUUID } from 'node:crypto';

export function correlationId(): string {
  return randomUUID();
}

/** OAuth access tokens look like a long url-safe blob (HubSpot's are ~150 characters). */
export function accessToken(region = 'na1'): string {
  return `C${region.toUpperCase()}${randomBytes(96).toString('base64url')}`;
}

/** Refresh tokens look like `na1-xxxx-xxxx-...` (a region prefix and a uuid). */
export function refreshToken(region = 'na1'): string {
  return `${region}-${randomUUID()}`;
}

/** Private app tokens: `pat-na1-<uuid>`. */
export function privateAppToken(region = 'na1'): string {
  return `pat-${region}-${randomUUID()}`;
}

export function authCode(): string {
  return randomUUID();
}

export function shortId(): string {
  return randomBytes(6).toString('hex');
}
