// Route schema pieces shared by the API routes: the error answers each route can give.
import { ErrorBody } from '../../../contracts/api.ts';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (details list each problem with its path)',
  401: 'Missing or invalid access token',
  403: 'The access token does not allow this organization',
  404: 'Unknown organization or resource',
  409: 'Conflicts with the current state (not connected, sync off, version changed)',
  413: 'Request body too large',
  502: 'HubSpot could not answer',
};

/** Error answers of a route: 401 and 403 always, plus `statuses`. */
export function errors(...statuses: number[]): Record<number, typeof ErrorBody> {
  const all = [401, 403, ...statuses];
  return Object.fromEntries(
    all.map((status) => [status, { ...ErrorBody, description: DESCRIPTIONS[status] ?? 'Error' }]),
  );
}

/** Config bodies are a few kilobytes; a megabyte is a mistake or an attack. */
export const CONFIG_BODY_LIMIT = 512 * 1024;
/** Routes that take no body. */
export const EMPTY_BODY_LIMIT = 1024;
