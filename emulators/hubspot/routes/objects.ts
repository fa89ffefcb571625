// Basic CRM object endpoints: list, get, create, update, archive (`/crm/v3/objects/{type}`).
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { decodeCursor, encodeCursor, findRecord } from '../crm/lookup.ts';
import { findObjectType, resolveObjectType, type ObjectTypeInfo } from '../crm/object-types.ts';
import { serializeRecord } from '../crm/serialize.ts';
import type { Emulator } from '../emulator.ts';
import { missingRequiredFields, objectNotFound } from '../errors.ts';
import { boolParam, intParam, listParam, objectBody, stringParam, type Query } from '../http/params.ts';
import type { RecordView } from '../state/records.ts';
import { guard, writeContext } from './guard.ts';

const MAX_PAGE = 100;
/** `propertiesWithHistory` reduces how many records one page may hold. */
const MAX_PAGE_WITH_HISTORY = 50;

interface TypeParams {
  objectType: string;
}
interface RecordParams extends TypeParams {
  objectId: string;
}

export function associationTypes(query: Query): ObjectTypeInfo[] {
  const names = listParam(query, 'associations') ?? [];
  return names.map((name) => findObjectType(name)).filter((t): t is ObjectTypeInfo => t !== undefined);
}

export function registerObjectRoutes(app: FastifyInstance, emulator: Emulator, prefix: string): void {
  app.get<{ Params: TypeParams; Querystring: Query }>(`${prefix}/:objectType`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(type) });
    const query = request.query;
    const withHistory = listParam(query, 'propertiesWithHistory');
    const cap = withHistory && withHistory.length > 0 ? MAX_PAGE_WITH_HISTORY : MAX_PAGE;
    const requested = intParam(query, 'limit', 10);
    const limit = Math.min(Math.max(requested, 1), cap);
    const after = decodeCursor(stringParam(query, 'after'));
    const archived = boolParam(query, 'archived', false);
    const store = caller.portal.store(type);
    const page: RecordView[] = [];
    let next: number | undefined;
    if (archived) {
      const ids = store.archivedIdList().filter((id) => id >= after);
      for (const id of ids.slice(0, limit)) page.push(store.find(id) as RecordView);
      next = ids[limit];
    } else {
      store.scan(after, Number.POSITIVE_INFINITY, (record) => {
        if (record.archived) return true;
        if (page.length === limit) {
          next = record.id;
          return false;
        }
        page.push(record);
        return true;
      });
    }
    const options = {
      properties: listParam(query, 'properties'),
      propertiesWithHistory: withHistory,
      associations: associationTypes(query),
    };
    const body: Record<string, unknown> = {
      results: page.map((record) => serializeRecord(caller.portal, type, record, options)),
    };
    if (next !== undefined) {
      const cursor = encodeCursor(next);
      const link = new URL(`${emulator.baseUrl}${request.url}`);
      link.searchParams.set('after', cursor);
      body.paging = { next: { after: cursor, link: link.toString() } };
    }
    return body;
  });

  app.get<{ Params: RecordParams; Querystring: Query }>(
    `${prefix}/:objectType/:objectId`,
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      const caller = guard(emulator, request, reply, { scopes: scopes.read(type) });
      const query = request.query;
      const archived = boolParam(query, 'archived', false);
      const record = findRecord(
        caller.portal,
        type,
        request.params.objectId,
        stringParam(query, 'idProperty'),
      );
      if (!record || record.archived !== archived) throw objectNotFound(request.params.objectId);
      return serializeRecord(caller.portal, type, record, {
        properties: listParam(query, 'properties'),
        propertiesWithHistory: listParam(query, 'propertiesWithHistory'),
        associations: associationTypes(query),
      });
    },
  );

  app.post<{ Params: TypeParams }>(`${prefix}/:objectType`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const body = objectBody(request.body);
    if (body.properties === undefined) throw missingRequiredFields(['properties']);
    const record = emulator.crm.create(writeContext(emulator, caller), type, body);
    void reply.code(201);
    return serializeRecord(caller.portal, type, record, {
      alsoProperties: Object.keys(body.properties as Record<string, unknown>),
    });
  });

  app.patch<{ Params: RecordParams; Querystring: Query }>(
    `${prefix}/:objectType/:objectId`,
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
      const body = objectBody(request.body);
      const found = findRecord(
        caller.portal,
        type,
        request.params.objectId,
        stringParam(request.query, 'idProperty'),
      );
      if (!found || found.archived) throw objectNotFound(request.params.objectId);
      const record = emulator.crm.update(writeContext(emulator, caller), type, found.id, body.properties);
      return serializeRecord(caller.portal, type, record, {
        alsoProperties: Object.keys(body.properties ?? {}),
      });
    },
  );

  app.delete<{ Params: RecordParams }>(`${prefix}/:objectType/:objectId`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const id = request.params.objectId;
    if (/^\d+$/.test(id)) emulator.crm.archive(writeContext(emulator, caller), type, Number(id));
    return reply.code(204).send();
  });
}
