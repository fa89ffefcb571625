// `POST /crm/v3/objects/{type}/search`: its own rate limit (per second, no headers).
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { resolveObjectType } from '../crm/object-types.ts';
import { parseSearchRequest, runSearch } from '../crm/search/search.ts';
import { serializeRecord } from '../crm/serialize.ts';
import type { Emulator } from '../emulator.ts';
import { objectBody } from '../http/params.ts';
import { guard } from './guard.ts';

export function registerSearchRoutes(app: FastifyInstance, emulator: Emulator, prefix: string): void {
  app.post<{ Params: { objectType: string } }>(`${prefix}/:objectType/search`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.read(type), search: true });
    const settings = emulator.options.search;
    const searchRequest = parseSearchRequest(caller.portal, type, objectBody(request.body ?? {}), settings);
    const result = runSearch(caller.portal, type, searchRequest, emulator.clock.now(), settings.maxResults);
    const body: Record<string, unknown> = {
      total: result.total,
      results: result.records.map((record) =>
        serializeRecord(caller.portal, type, record, { properties: searchRequest.properties }),
      ),
    };
    if (result.nextAfter !== undefined) body.paging = { next: { after: String(result.nextAfter) } };
    return body;
  });
}
