// Merge (`POST /crm/v3/objects/{type}/merge`) and GDPR delete (`POST .../contacts/gdpr-delete`).
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { findRecord } from '../crm/lookup.ts';
import { mergeRecords, purgeRecord } from '../crm/merge.ts';
import { resolveObjectType } from '../crm/object-types.ts';
import { serializeRecord } from '../crm/serialize.ts';
import type { Emulator } from '../emulator.ts';
import { missingRequiredFields, objectNotFound, validationError } from '../errors.ts';
import { objectBody, text } from '../http/params.ts';
import { guard, writeContext } from './guard.ts';

export function registerMergeRoutes(app: FastifyInstance, emulator: Emulator, prefix: string): void {
  app.post<{ Params: { objectType: string } }>(`${prefix}/:objectType/merge`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const body = objectBody(request.body);
    const missing = ['primaryObjectId', 'objectIdToMerge'].filter(
      (f) => body[f] === undefined || body[f] === '',
    );
    if (missing.length > 0) throw missingRequiredFields(missing);
    const primaryId = text(body.primaryObjectId);
    const mergedId = text(body.objectIdToMerge);
    if (!/^\d+$/.test(primaryId)) throw objectNotFound(primaryId);
    if (!/^\d+$/.test(mergedId)) throw objectNotFound(mergedId);
    const record = mergeRecords(
      emulator.crm,
      writeContext(emulator, caller),
      type,
      Number(primaryId),
      Number(mergedId),
      emulator.options.search.indexDelayMs,
    );
    return serializeRecord(caller.portal, type, record, {});
  });

  app.post<{ Params: { objectType: string } }>(
    `${prefix}/:objectType/gdpr-delete`,
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      if (type.name !== 'contacts') throw validationError('GDPR delete is only available for contacts.');
      const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
      const body = objectBody(request.body);
      if (body.objectId === undefined) throw missingRequiredFields(['objectId']);
      const idProperty = typeof body.idProperty === 'string' ? body.idProperty : undefined;
      const rawId = text(body.objectId);
      const record = findRecord(caller.portal, type, rawId, idProperty);
      if (!record) {
        // HubSpot blocklists an unknown email instead of failing; an unknown id is a 404.
        if (idProperty === 'email') return reply.code(204).send();
        throw objectNotFound(rawId);
      }
      purgeRecord(emulator.crm, writeContext(emulator, caller), type, record.id);
      return reply.code(204).send();
    },
  );
}
