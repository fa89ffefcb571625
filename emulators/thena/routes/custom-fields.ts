// /v1/custom-field (0-based pages, `{ data, status, message, timestamp }` envelope, as documented)
// and /v1/accounts/account-custom-fields.
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { requireOrg } from '../http/auth.ts';
import { readPaging } from '../http/body-reader.ts';
import { badRequest } from '../http/errors.ts';
import { documented, envelope } from '../http/respond.ts';
import { createCustomField } from '../state/custom-field-changes.ts';
import { FIELD_SOURCES, type FieldSource } from '../state/custom-fields.ts';
import { customFieldView } from '../state/views.ts';

type Query = { Querystring: Record<string, string | undefined> };

function readSource(value: string | undefined): FieldSource | undefined {
  if (value === undefined || value === '') return undefined;
  if ((FIELD_SOURCES as readonly string[]).includes(value)) return value as FieldSource;
  throw badRequest([`source must be one of the following values: ${FIELD_SOURCES.join(', ')}`]);
}

export function customFieldRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  app.get<Query>('/v1/custom-field', async (request) => {
    const org = requireOrg(platform, request);
    const { page, limit } = readPaging(request.query, { firstPage: 0, defaultLimit: 100, maxLimit: 100 });
    const source = readSource(request.query.source);
    const teamId = request.query.teamId;
    const onlyTeamFields = request.query.onlyTeamFields === 'true';
    const fields = org.customFields
      .list({ ...(source === undefined ? {} : { source }) })
      .filter(
        (field) =>
          teamId === undefined || field.teamId === teamId || (!onlyTeamFields && field.teamId === null),
      );
    const pageOfFields = fields.slice(page * limit, page * limit + limit);
    return envelope(
      platform,
      pageOfFields.map((field) => customFieldView(field, org.id)),
      'Custom fields fetched successfully',
    );
  });

  app.post('/v1/custom-field', async (request, reply) => {
    const org = requireOrg(platform, request);
    const field = createCustomField(org, platform.clock, platform.ids, request.body);
    return reply
      .code(201)
      .send(envelope(platform, customFieldView(field, org.id), 'Custom field created successfully'));
  });

  app.get('/v1/accounts/account-custom-fields', async (request) => {
    const org = requireOrg(platform, request);
    const fields = org.customFields
      .list({ source: 'account' })
      .map((field) => customFieldView(field, org.id));
    return documented(platform, fields);
  });
}
