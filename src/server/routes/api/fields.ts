// The HubSpot properties of an object, for the field selector and the filter builder.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { FieldList, ObjectParams } from '../../../contracts/api.ts';
import type { ApiServices } from '../../../sync/app/api.ts';
import { errors } from './schemas.ts';

export function registerFieldRoutes(app: FastifyInstance, api: ApiServices): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/orgs/:org/objects/:object/fields',
    {
      schema: {
        tags: ['configuration'],
        summary: 'HubSpot properties with their selection, direction, filter operators and Thena field',
        params: ObjectParams,
        response: { 200: FieldList, ...errors(400, 404, 409, 502) },
      },
    },
    async (request) => ({ fields: await api.fields.list(request.params.org, request.params.object) }),
  );
}
