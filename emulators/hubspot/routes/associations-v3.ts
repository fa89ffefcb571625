// The older v3 associations batch API (`crm.associations.batchApi` in the SDK), which names
// association types by string (`contact_to_company` = primary, `..._unlabeled` = plain link).
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { v3TypeName } from '../crm/association-types.ts';
import { liveLinks } from '../crm/serialize.ts';
import type { Emulator } from '../emulator.ts';
import { standardError, validationError, type StandardError } from '../errors.ts';
import { objectBody } from '../http/params.ts';
import { CONTACT_TO_COMPANY, PRIMARY_CONTACT_TO_COMPANY } from '../state/associations.ts';
import type { Portal } from '../state/portal.ts';
import { contactCompany, liveId, typePair, type TypePair } from './association-helpers.ts';
import { batchInputs, batchResponse } from './batch-response.ts';
import { guard, writeContext } from './guard.ts';

interface PairParams {
  fromObjectType: string;
  toObjectType: string;
}

function idOf(value: unknown): unknown {
  return value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
}

/** The stored (contact -> company) type id a v3 type name stands for. */
function storedTypeOf(portal: Portal, pair: TypePair, name: unknown): number {
  const names = new Map<string, number>([
    [v3TypeName(portal, pair.from.name, PRIMARY_CONTACT_TO_COMPANY), PRIMARY_CONTACT_TO_COMPANY],
    [v3TypeName(portal, pair.from.name, CONTACT_TO_COMPANY), CONTACT_TO_COMPANY],
    ...portal.labels.map((label) => [label.name, label.contactToCompany] as [string, number]),
  ]);
  const stored = typeof name === 'string' ? names.get(name) : undefined;
  if (stored === undefined)
    throw validationError(
      `${String(name)} is not a valid association type for ${pair.from.name} to ${pair.to.name}.`,
    );
  return stored;
}

export function registerAssociationV3Routes(app: FastifyInstance, emulator: Emulator): void {
  const base = '/crm/v3/associations/:fromObjectType/:toObjectType';

  app.get<{ Params: PairParams }>(`${base}/types`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(pair.from) });
    const forward = pair.from.name === 'contacts';
    return {
      results: [
        {
          id: String(forward ? 1 : 2),
          name: v3TypeName(caller.portal, pair.from.name, PRIMARY_CONTACT_TO_COMPANY),
        },
        {
          id: String(forward ? 279 : 280),
          name: v3TypeName(caller.portal, pair.from.name, CONTACT_TO_COMPANY),
        },
        ...caller.portal.labels.map((label) => ({
          id: String(forward ? label.contactToCompany : label.companyToContact),
          name: label.name,
        })),
      ],
    };
  });

  app.post<{ Params: PairParams }>(`${base}/batch/read`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(pair.from) });
    const startedAt = emulator.clock.now();
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const input of batchInputs(objectBody(request.body))) {
      const id = liveId(caller.portal, pair.from, input.id);
      const links = id === undefined ? [] : liveLinks(caller.portal, pair.from, id);
      if (links.length === 0) {
        errors.push(
          standardError(
            'OBJECT_NOT_FOUND',
            `No ${pair.to.singular} is associated with ${pair.from.singular} ${String(input.id)}.`,
            {
              fromObjectId: [String(input.id)],
            },
          ),
        );
        continue;
      }
      results.push({
        from: { id: String(id) },
        to: links.flatMap(([otherId, types]) =>
          [...types]
            .sort((a, b) => a - b)
            .map((t) => ({ id: String(otherId), type: v3TypeName(caller.portal, pair.from.name, t) })),
        ),
      });
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
      const stored = storedTypeOf(caller.portal, pair, input.type);
      const fromId = liveId(caller.portal, pair.from, idOf(input.from));
      const toId = liveId(caller.portal, pair.to, idOf(input.to));
      if (fromId === undefined || toId === undefined) {
        errors.push(
          standardError('OBJECT_NOT_FOUND', 'One or more of the objects to associate does not exist.', {}),
        );
        continue;
      }
      const [contactId, companyId] = contactCompany(pair, fromId, toId);
      emulator.crm.associate(ctx, contactId, companyId, [stored]);
      results.push({ from: { id: String(fromId) }, to: { id: String(toId) }, type: input.type });
    }
    return batchResponse(reply, emulator.clock, startedAt, results, errors, 201);
  });

  app.post<{ Params: PairParams }>(`${base}/batch/archive`, async (request, reply) => {
    const pair = typePair(request.params.fromObjectType, request.params.toObjectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(pair.from) });
    const ctx = writeContext(emulator, caller);
    for (const input of batchInputs(objectBody(request.body))) {
      const stored = storedTypeOf(caller.portal, pair, input.type);
      const fromId = liveId(caller.portal, pair.from, idOf(input.from));
      const toId = liveId(caller.portal, pair.to, idOf(input.to));
      if (fromId === undefined || toId === undefined) continue;
      const [contactId, companyId] = contactCompany(pair, fromId, toId);
      emulator.crm.dissociate(ctx, contactId, companyId, [stored]);
    }
    return reply.code(204).send();
  });
}
