// The audit log: pages as JSON, the whole (filtered) log as CSV, and the retry of one record.
import { Readable } from 'node:stream';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuditPage, AuditParams, AuditQuery, OrgParams, RetryStarted } from '../../../contracts/api.ts';
import type { ApiServices } from '../../../sync/app/api.ts';
import { EMPTY_BODY_LIMIT, errors } from './schemas.ts';

const tags = ['audit'];

/** A file name any browser and shell accept, whatever the org id holds. */
const fileName = (org: string, now: Date): string =>
  `hubspot-audit-${org.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)}-${now.toISOString().slice(0, 10)}.csv`;

export function registerAuditRoutes(app: FastifyInstance, api: ApiServices): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/orgs/:org/audit',
    {
      schema: {
        tags,
        summary: 'Audit entries, newest first; `format=csv` downloads every matching entry',
        description: 'Follow `nextCursor` (pass it as `cursor`) for older entries.',
        params: OrgParams,
        querystring: AuditQuery,
        response: {
          200: {
            description: 'A page of entries, or the CSV file',
            content: {
              'application/json': { schema: AuditPage },
              'text/csv': { schema: Type.String() },
            },
          },
          ...errors(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { org } = request.params;
      const { format, ...filter } = request.query;
      if (format !== 'csv') {
        return reply.type('application/json; charset=utf-8').send(await api.audit.page(org, filter));
      }
      const lines = await api.audit.csv(org, filter);
      // A stream is sent as it is (never serialised), which the typed reply cannot express.
      const download = reply as FastifyReply;
      return download
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(org, new Date())}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    },
  );
  r.post(
    '/orgs/:org/audit/:id/retry',
    {
      bodyLimit: EMPTY_BODY_LIMIT,
      schema: {
        tags,
        summary: "Sync the entry's record again",
        params: AuditParams,
        response: { 202: RetryStarted, ...errors(400, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await api.audit.retry(request.params.org, request.params.id)),
  );
}
