// Associations v4 batch endpoints and association labels.
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { describeStored } from '../crm/association-types.ts';
import { decodeCursor, encodeCursor } from '../crm/lookup.ts';
import { liveLinks } from '../crm/serialize.ts';
import { checkAssociationSpec } from '../crm/service.ts';
import type { Emulator } from '../emulator.ts';
import {
  missingRequiredFields,
  resourceNotFound,
  standardError,
  validationError,
  type StandardError,
} from '../errors.ts';
import { objectBody } from '../http/params.ts';
import { CONTACT_TO_COMPANY, PRIMARY_CONTACT_TO_COMPANY } from '../state/associations.ts';
import type { Portal } from '../state/portal.ts';
import {
  contactCompany,
  describeLink,
  labelsOf,
  liveId,
  typePair,
  type TypePair,
} from './association-helpers.ts';
import { defaultAssociationResults } from './associations-v4.ts';
import { batchInputs, batchResponse } from './batch-response.ts';
import { guard, writeContext } from './guard.ts';

interface PairParams {
  fromObjectType: string;
  toObjectType: string;
}

/** Targets listed per input in a batch read page. */
const BATCH_READ_PAGE = 500;

function idOf(value: unknown): unknown {
  return value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
}

function notFound(pair: TypePair, raw: unknown): StandardError {
  return standardError('OBJECT_NOT_FOUND', `Could not find ${pair.from.singular} with id ${String(raw)}.`, {
    fromObjectId: [String(raw)],
  });
}

export function registerAssociationBatchRoutes(app: FastifyInstance, emulator: Emulator): void {
  const base = '/crm/v4/associations/:fromObjectType/:toObjectType';

  app.post<{ Params: PairParams }>(`${base}/batch/read`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(pair.from) });
    const startedAt = emulator.clock.now();
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const input of batchInputs(objectBody(request.body), 1000)) {
      const id = liveId(caller.portal, pair.from, input.id);
      const links = id === undefined ? [] : liveLinks(caller.portal, pair.from, id);
      if (links.length === 0) {
        // HubSpot reports "no associations" as a per-input error (subCategory
        // crm.associations.NO_ASSOCIATIONS_FOUND; left out here, the spec types it as an object).
        errors.push(
          standardError(
            'OBJECT_NOT_FOUND',
            `No ${pair.to.singular} is associated with ${pair.from.singular} ${String(input.id)}.`,
            {
              fromObjectId: [String(input.id)],
              fromObjectType: [pair.from.singular],
              toObjectType: [pair.to.singular],
            },
          ),
        );
        continue;
      }
      const offset = decodeCursor(typeof input.after === 'string' ? input.after : undefined);
      const page = links.slice(offset, offset + BATCH_READ_PAGE);
      const result: Record<string, unknown> = {
        from: { id: String(id) },
        to: page.map(([otherId, types]) => ({
          toObjectId: String(otherId),
          associationTypes: describeLink(caller.portal, pair.from, types),
        })),
      };
      if (offset + BATCH_READ_PAGE < links.length) {
        result.paging = { next: { after: encodeCursor(offset + BATCH_READ_PAGE) } };
      }
      results.push(result);
    }
    return batchResponse(reply, emulator.clock, startedAt, results, errors, 200);
  });

  app.post<{ Params: PairParams }>(`${base}/batch/create`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const ctx = writeContext(emulator, caller);
    const startedAt = emulator.clock.now();
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const input of batchInputs(objectBody(request.body))) {
      const types = Array.isArray(input.types) ? (input.types as Array<Record<string, unknown>>) : [];
      if (types.length === 0) throw missingRequiredFields(['types']);
      const stored = types.map((spec) => checkAssociationSpec(caller.portal, pair.from, spec ?? {}));
      const fromId = liveId(caller.portal, pair.from, idOf(input.from));
      const toId = liveId(caller.portal, pair.to, idOf(input.to));
      if (fromId === undefined || toId === undefined) {
        errors.push(notFound(pair, fromId === undefined ? idOf(input.from) : idOf(input.to)));
        continue;
      }
      const [contactId, companyId] = contactCompany(pair, fromId, toId);
      emulator.crm.associate(ctx, contactId, companyId, stored);
      results.push({
        fromObjectTypeId: pair.from.typeId,
        fromObjectId: String(fromId),
        toObjectTypeId: pair.to.typeId,
        toObjectId: String(toId),
        labels: labelsOf(describeLink(caller.portal, pair.from, stored)),
      });
    }
    return batchResponse(reply, emulator.clock, startedAt, results, errors, 201);
  });

  app.post<{ Params: PairParams }>(`${base}/batch/associate/default`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const ctx = writeContext(emulator, caller);
    const startedAt = emulator.clock.now();
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const input of batchInputs(objectBody(request.body))) {
      const fromId = liveId(caller.portal, pair.from, idOf(input.from));
      const toId = liveId(caller.portal, pair.to, idOf(input.to));
      if (fromId === undefined || toId === undefined) {
        errors.push(notFound(pair, fromId === undefined ? idOf(input.from) : idOf(input.to)));
        continue;
      }
      const [contactId, companyId] = contactCompany(pair, fromId, toId);
      emulator.crm.associate(ctx, contactId, companyId, [CONTACT_TO_COMPANY]);
      results.push(...defaultAssociationResults(pair.from.name === 'contacts', fromId, toId));
    }
    return batchResponse(reply, emulator.clock, startedAt, results, errors, 200);
  });

  app.post<{ Params: PairParams }>(`${base}/batch/archive`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const ctx = writeContext(emulator, caller);
    for (const input of batchInputs(objectBody(request.body))) {
      const fromId = liveId(caller.portal, pair.from, idOf(input.from));
      const targets = Array.isArray(input.to) ? (input.to as unknown[]) : [];
      for (const target of targets) {
        const toId = liveId(caller.portal, pair.to, idOf(target));
        if (fromId === undefined || toId === undefined) continue;
        const [contactId, companyId] = contactCompany(pair, fromId, toId);
        emulator.crm.dissociate(ctx, contactId, companyId);
      }
    }
    return reply.code(204).send();
  });

  app.post<{ Params: PairParams }>(`${base}/batch/labels/archive`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const ctx = writeContext(emulator, caller);
    for (const input of batchInputs(objectBody(request.body))) {
      const types = Array.isArray(input.types) ? (input.types as Array<Record<string, unknown>>) : [];
      const stored = types.map((spec) => checkAssociationSpec(caller.portal, pair.from, spec ?? {}));
      const fromId = liveId(caller.portal, pair.from, idOf(input.from));
      const toId = liveId(caller.portal, pair.to, idOf(input.to));
      if (fromId === undefined || toId === undefined) continue;
      const [contactId, companyId] = contactCompany(pair, fromId, toId);
      emulator.crm.dissociate(ctx, contactId, companyId, stored);
    }
    return reply.code(204).send();
  });

  for (const labels of [
    '/crm/v4/associations/:fromObjectType/:toObjectType/labels',
    '/crm/associations/v4/:fromObjectType/:toObjectType/labels',
  ]) {
    registerLabelRoutes(app, emulator, labels);
  }
}

function labelList(portal: Portal, pair: TypePair): unknown[] {
  const builtIn = [PRIMARY_CONTACT_TO_COMPANY, CONTACT_TO_COMPANY].map((t) =>
    describeStored(portal, pair.from.name, t),
  );
  const custom = portal.labels.map((label) => describeStored(portal, pair.from.name, label.contactToCompany));
  return [...builtIn, ...custom];
}

function registerLabelRoutes(app: FastifyInstance, emulator: Emulator, path: string): void {
  app.get<{ Params: PairParams }>(path, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(pair.from) });
    return { results: labelList(caller.portal, pair) };
  });

  app.post<{ Params: PairParams }>(path, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(pair.from) });
    const body = objectBody(request.body);
    const missing = ['label', 'name'].filter((f) => typeof body[f] !== 'string');
    if (missing.length > 0) throw missingRequiredFields(missing);
    if (caller.portal.labels.some((l) => l.name === body.name)) {
      throw validationError(`An association label named ${String(body.name)} already exists.`);
    }
    const inverse = typeof body.inverseLabel === 'string' ? body.inverseLabel : undefined;
    // Labels are stored contact -> company; a label created from the company side is the inverse.
    const fromContacts = pair.from.name === 'contacts';
    const created = caller.portal.addLabel(
      fromContacts ? (body.label as string) : (inverse ?? (body.label as string)),
      body.name as string,
      fromContacts ? inverse : (body.label as string),
    );
    return {
      results: [
        describeStored(caller.portal, pair.from.name, created.contactToCompany),
        describeStored(caller.portal, pair.to.name, created.contactToCompany),
      ],
    };
  });

  app.put<{ Params: PairParams }>(path, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(pair.from) });
    const body = objectBody(request.body);
    const typeId = Number(body.associationTypeId);
    const label = caller.portal.labels.find((l) =>
      pair.from.name === 'contacts' ? l.contactToCompany === typeId : l.companyToContact === typeId,
    );
    if (!label) throw resourceNotFound(`Association label ${String(body.associationTypeId)} not found`);
    if (typeof body.label === 'string') {
      if (pair.from.name === 'contacts') label.label = body.label;
      else label.inverseLabel = body.label;
    }
    if (typeof body.inverseLabel === 'string') {
      if (pair.from.name === 'contacts') label.inverseLabel = body.inverseLabel;
      else label.label = body.inverseLabel;
    }
    return reply.code(204).send();
  });

  app.delete<{ Params: PairParams & { associationTypeId: string } }>(
    `${path}/:associationTypeId`,
    async (request, reply) => {
      const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
      const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(pair.from) });
      const typeId = Number(request.params.associationTypeId);
      const index = caller.portal.labels.findIndex(
        (l) => l.contactToCompany === typeId || l.companyToContact === typeId,
      );
      if (index < 0)
        throw resourceNotFound(`Association label ${request.params.associationTypeId} not found`);
      caller.portal.labels.splice(index, 1);
      return reply.code(204).send();
    },
  );
}
