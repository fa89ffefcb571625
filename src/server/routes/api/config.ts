// An object's sync configuration, and the dry run of a draft of it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  ConfigBody,
  ObjectParams,
  PreviewResult,
  PutConfigBody,
  SyncConfig,
} from '../../../contracts/api.ts';
import type { ApiServices } from '../../../sync/app/api.ts';
import { CONFIG_BODY_LIMIT, errors } from './schemas.ts';

const tags = ['configuration'];

export function registerConfigRoutes(app: FastifyInstance, api: ApiServices): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/orgs/:org/objects/:object/config',
    {
      schema: {
        tags,
        summary: 'The saved configuration (the defaults, version 0, when none was saved)',
        params: ObjectParams,
        response: { 200: SyncConfig, ...errors(400, 404) },
      },
    },
    async (request) => api.configs.get(request.params.org, request.params.object),
  );
  r.put(
    '/orgs/:org/objects/:object/config',
    {
      bodyLimit: CONFIG_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Save a new version; a change of fields or filters starts a backfill',
        description:
          'Send `expectedVersion` (the version you edited) to be refused with 409 when someone saved in between. ' +
          'A refused configuration answers 400 `invalid_config` with every problem and its path in `details`.',
        params: ObjectParams,
        body: PutConfigBody,
        response: { 200: SyncConfig, ...errors(400, 404, 409, 413, 502) },
      },
    },
    async (request) => {
      const { expectedVersion, ...draft } = request.body;
      return api.configs.put(request.params.org, request.params.object, draft, expectedVersion);
    },
  );
  r.post(
    '/orgs/:org/objects/:object/preview',
    {
      bodyLimit: CONFIG_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Dry run of a draft configuration: matching HubSpot records and a sample; writes nothing',
        params: ObjectParams,
        body: ConfigBody,
        response: { 200: PreviewResult, ...errors(400, 404, 409, 413, 502) },
      },
    },
    async (request) => api.preview.preview(request.params.org, request.params.object, request.body),
  );
}
