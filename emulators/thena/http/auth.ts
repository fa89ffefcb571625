// Platform API calls carry the app's bot token in `x-api-key`; published events carry it in
// `x-bot-key`. Either way it must belong to a current installation, or the answer is 401.
import type { FastifyRequest } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import type { Organization } from '../state/organization.ts';
import { unauthorized } from './errors.ts';

export function requireOrg(
  platform: ThenaPlatform,
  request: FastifyRequest,
  header: 'x-api-key' | 'x-bot-key' = 'x-api-key',
): Organization {
  const token = request.headers[header];
  if (typeof token !== 'string' || token === '') throw unauthorized(`Missing ${header} header`);
  const org = platform.orgByToken(token);
  if (!org) throw unauthorized(`Invalid ${header}`);
  return org;
}
