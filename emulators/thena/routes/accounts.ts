// /v1/accounts: list, get, create, update, soft delete, plus the bulk and lookup endpoints whose
// paths Thena's docs did not capture (chosen here; see README).
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { requireOrg } from '../http/auth.ts';
import { BodyReader, readPaging } from '../http/body-reader.ts';
import { documented } from '../http/respond.ts';
import {
  bulkCreateAccounts,
  createAccount,
  deleteAccount,
  requireAccount,
  updateAccount,
} from '../state/account-changes.ts';
import { MAX_BATCH } from '../state/change-context.ts';
import type { Organization } from '../state/organization.ts';
import type { AccountRecord } from '../state/records.ts';
import { accountView } from '../state/views.ts';

type IdParams = { Params: { id: string } };
type Query = { Querystring: Record<string, string | undefined> };

/** Reads `{ [key]: string[] }` (1 to MAX_BATCH entries) from a lookup body. */
function readLookupList(body: unknown, key: string): string[] {
  const reader = new BodyReader(body);
  const values = reader.optionalStringArray(key, MAX_BATCH);
  if (values === undefined && reader.errors.length === 0) reader.fail(`${key} should not be empty`);
  reader.throwIfInvalid();
  return values ?? [];
}

const views = (org: Organization, accounts: (AccountRecord | undefined)[]) =>
  accounts.flatMap((account) => (account ? [accountView(org, account)] : []));

export function accountRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  app.get<Query>('/v1/accounts', async (request) => {
    const org = requireOrg(platform, request);
    const { page, limit } = readPaging(request.query, { firstPage: 1, defaultLimit: 10, maxLimit: 100 });
    return documented(platform, views(org, org.accounts.page((page - 1) * limit, limit)));
  });

  app.get<IdParams>('/v1/accounts/:id', async (request) => {
    const org = requireOrg(platform, request);
    return documented(platform, accountView(org, requireAccount(platform.asBot(org), request.params.id)));
  });

  app.post('/v1/accounts', async (request, reply) => {
    const org = requireOrg(platform, request);
    const account = createAccount(platform.asBot(org), request.body);
    return reply.code(201).send(documented(platform, accountView(org, account)));
  });

  app.put<IdParams>('/v1/accounts/:id', async (request) => {
    const org = requireOrg(platform, request);
    const account = updateAccount(platform.asBot(org), request.params.id, request.body);
    return documented(platform, accountView(org, account));
  });

  app.delete<IdParams>('/v1/accounts/:id', async (request, reply) => {
    const org = requireOrg(platform, request);
    deleteAccount(platform.asBot(org), request.params.id);
    return reply.code(204).send();
  });

  app.post('/v1/accounts/bulk', async (request, reply) => {
    const org = requireOrg(platform, request);
    const result = bulkCreateAccounts(platform.asBot(org), request.body);
    const body = { ...result, accounts: views(org, result.accounts) };
    return reply.code(201).send(documented(platform, body));
  });

  app.post('/v1/accounts/filter/ids', async (request) => {
    const org = requireOrg(platform, request);
    const ids = readLookupList(request.body, 'ids');
    return documented(
      platform,
      views(
        org,
        ids.map((id) => org.accounts.get(id)),
      ),
    );
  });

  app.post('/v1/accounts/filter/primary-domains', async (request) => {
    const org = requireOrg(platform, request);
    const domains = readLookupList(request.body, 'primaryDomains');
    const found = new Map(
      domains.flatMap((domain) => {
        const account = org.accounts.findByPrimaryDomain(domain);
        return account ? [[account.id, account] as const] : [];
      }),
    );
    return documented(platform, views(org, [...found.values()]));
  });
}
