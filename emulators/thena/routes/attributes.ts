// GET /v1/accounts/attributes?attribute=<type>: an organization's picklist values.
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { requireOrg } from '../http/auth.ts';
import { badRequest } from '../http/errors.ts';
import { documented } from '../http/respond.ts';
import { ATTRIBUTE_TYPES, isAttributeType } from '../state/attributes.ts';
import { attributeView } from '../state/views.ts';

export function attributeRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  app.get<{ Querystring: { attribute?: string } }>('/v1/accounts/attributes', async (request) => {
    const org = requireOrg(platform, request);
    const attribute = request.query.attribute;
    if (!isAttributeType(attribute)) {
      throw badRequest([`attribute must be one of the following values: ${ATTRIBUTE_TYPES.join(', ')}`]);
    }
    return documented(platform, org.attributes.list(attribute).map(attributeView));
  });
}
