// Organizations and their HubSpot connection.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Connection, OrgList, OrgParams } from '../../../contracts/api.ts';
import type { ApiServices } from '../../../sync/app/api.ts';
import { principalOf } from '../../auth.ts';
import { errors } from './schemas.ts';

const tags = ['organizations'];

export function registerOrgRoutes(app: FastifyInstance, api: ApiServices): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/orgs',
    {
      schema: { tags, summary: 'Organizations this token may see', response: { 200: OrgList, ...errors() } },
    },
    async (request) => ({ orgs: await api.orgs.list(principalOf(request)) }),
  );
  r.get(
    '/orgs/:org/connection',
    {
      schema: {
        tags,
        summary: 'HubSpot connection of an organization',
        params: OrgParams,
        response: { 200: Connection, ...errors(400, 404) },
      },
    },
    async (request) => api.orgs.connection(request.params.org),
  );
  r.delete(
    '/orgs/:org/connection',
    {
      schema: {
        tags,
        summary: 'Uninstall: stop syncing and revoke HubSpot access (configuration and audit log are kept)',
        params: OrgParams,
        response: { 200: Connection, ...errors(400, 404) },
      },
    },
    async (request) => api.orgs.uninstall(request.params.org, 'uninstalled through the API'),
  );
}
