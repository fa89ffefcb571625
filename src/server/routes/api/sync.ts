// "Sync now" and the sync status of an object.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ObjectParams, ObjectStatus, SyncStarted } from '../../../contracts/api.ts';
import type { ApiServices } from '../../../sync/app/api.ts';
import { EMPTY_BODY_LIMIT, errors } from './schemas.ts';

const tags = ['sync'];

export function registerSyncRoutes(app: FastifyInstance, api: ApiServices): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/orgs/:org/objects/:object/sync',
    {
      bodyLimit: EMPTY_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Start a full sync of the object (answers the run already going, if any)',
        params: ObjectParams,
        response: { 202: SyncStarted, ...errors(400, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await api.sync.start(request.params.org, request.params.object)),
  );
  r.get(
    '/orgs/:org/objects/:object/status',
    {
      schema: {
        tags,
        summary: 'Counts on both sides and the recent runs with their progress',
        params: ObjectParams,
        response: { 200: ObjectStatus, ...errors(400, 404) },
      },
    },
    async (request) => api.sync.status(request.params.org, request.params.object),
  );
}
