// Associations v4, per object: list, create with labels, create default, remove.
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { CONTACT_TO_COMPANY } from '../state/associations.ts';
import { decodeCursor, encodeCursor } from '../crm/lookup.ts';
import { liveLinks } from '../crm/serialize.ts';
import { checkAssociationSpec } from '../crm/service.ts';
import type { Emulator } from '../emulator.ts';
import { validationError } from '../errors.ts';
import { intParam, stringParam, type Query } from '../http/params.ts';
import {
  contactCompany,
  describeLink,
  labelsOf,
  liveId,
  requireLiveId,
  typePair,
} from './association-helpers.ts';
import { guard, writeContext } from './guard.ts';

interface ListParams {
  objectType: string;
  objectId: string;
  toObjectType: string;
}
interface PairParams extends ListParams {
  toObjectId: string;
}

const MAX_LIMIT = 500;

export function registerAssociationV4Routes(app: FastifyInstance, emulator: Emulator): void {
  const base = '/crm/v4/objects/:objectType/:objectId/associations';

  app.get<{ Params: ListParams; Querystring: Query }>(`${base}/:toObjectType`, async (request, reply) => {
    const pair = typePair(request.params.objectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(pair.from) });
    const limit = Math.min(Math.max(intParam(request.query, 'limit', MAX_LIMIT), 1), MAX_LIMIT);
    const offset = decodeCursor(stringParam(request.query, 'after'));
    const id = liveId(caller.portal, pair.from, request.params.objectId);
    const links = id === undefined ? [] : liveLinks(caller.portal, pair.from, id);
    const page = links.slice(offset, offset + limit);
    const body: Record<string, unknown> = {
      results: page.map(([otherId, types]) => ({
        toObjectId: String(otherId),
        associationTypes: describeLink(caller.portal, pair.from, types),
      })),
    };
    if (offset + limit < links.length) {
      const after = encodeCursor(offset + limit);
      body.paging = {
        next: { after, link: `${emulator.baseUrl}${request.url.split('?')[0] ?? ''}?after=${after}` },
      };
    }
    return body;
  });

  app.put<{ Params: PairParams }>(`${base}/:toObjectType/:toObjectId`, async (request, reply) => {
    const pair = typePair(request.params.objectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    if (!Array.isArray(request.body) || request.body.length === 0) {
      throw validationError('The request body must be a non-empty array of association specs.');
    }
    const specs = request.body as Array<Record<string, unknown>>;
    const stored = specs.map((spec) => checkAssociationSpec(caller.portal, pair.from, spec ?? {}));
    const fromId = requireLiveId(caller.portal, pair.from, request.params.objectId);
    const toId = requireLiveId(caller.portal, pair.to, request.params.toObjectId);
    const [contactId, companyId] = contactCompany(pair, fromId, toId);
    emulator.crm.associate(writeContext(emulator, caller), contactId, companyId, stored);
    void reply.code(201);
    return {
      fromObjectTypeId: pair.from.typeId,
      fromObjectId: String(fromId),
      toObjectTypeId: pair.to.typeId,
      toObjectId: String(toId),
      labels: labelsOf(describeLink(caller.portal, pair.from, stored)),
    };
  });

  app.delete<{ Params: PairParams }>(`${base}/:toObjectType/:toObjectId`, async (request, reply) => {
    const pair = typePair(request.params.objectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const fromId = liveId(caller.portal, pair.from, request.params.objectId);
    const toId = liveId(caller.portal, pair.to, request.params.toObjectId);
    if (fromId !== undefined && toId !== undefined) {
      const [contactId, companyId] = contactCompany(pair, fromId, toId);
      emulator.crm.dissociate(writeContext(emulator, caller), contactId, companyId);
    }
    return reply.code(204).send();
  });

  app.put<{ Params: PairParams }>(`${base}/default/:toObjectType/:toObjectId`, async (request, reply) => {
    const pair = typePair(request.params.objectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const fromId = requireLiveId(caller.portal, pair.from, request.params.objectId);
    const toId = requireLiveId(caller.portal, pair.to, request.params.toObjectId);
    const [contactId, companyId] = contactCompany(pair, fromId, toId);
    const startedAt = emulator.clock.now();
    emulator.crm.associate(writeContext(emulator, caller), contactId, companyId, [CONTACT_TO_COMPANY]);
    return {
      status: 'COMPLETE',
      results: defaultAssociationResults(pair.from.name === 'contacts', fromId, toId),
      startedAt: new Date(startedAt).toISOString(),
      completedAt: new Date(emulator.clock.now()).toISOString(),
    };
  });
}

/** HubSpot answers a default association with both directions (279 and 280). */
export function defaultAssociationResults(fromContact: boolean, fromId: number, toId: number): unknown[] {
  const forward = fromContact ? 279 : 280;
  const backward = fromContact ? 280 : 279;
  return [
    {
      from: { id: String(fromId) },
      to: { id: String(toId) },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: forward },
    },
    {
      from: { id: String(toId) },
      to: { id: String(fromId) },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: backward },
    },
  ];
}
