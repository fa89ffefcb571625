// Thena accounts (HubSpot companies): list and iterate, get, look up by ids or primary domains,
// create one or many, update, soft delete.
import { badResponse } from './errors.ts';
import type { ThenaHttp } from './http.ts';
import { mergeBulkResults, readBulkResult } from './bulk-result.ts';
import { toAccount } from './normalize.ts';
import { BATCH_LIMIT, PAGE_LIMIT, chunk, readAllPages } from './paging.ts';
import { list, unwrap } from './read.ts';
import type { ThenaAccount, ThenaAccountInput, ThenaAccountPatch, ThenaBulkResult } from './types.ts';

export class ThenaAccounts {
  readonly #http: ThenaHttp;

  constructor(http: ThenaHttp) {
    this.#http = http;
  }

  /** One page (1-based, as Thena's docs default to). */
  async list(params: { page?: number; limit?: number } = {}): Promise<ThenaAccount[]> {
    const operation = 'accounts.list';
    const body = await this.#http.request({
      operation,
      method: 'GET',
      path: '/v1/accounts',
      query: { page: params.page ?? 1, limit: params.limit ?? PAGE_LIMIT },
      idempotent: true,
    });
    return this.#many(body, operation);
  }

  /** Every account, page after page, to the end. */
  async *iterate(params: { limit?: number } = {}): AsyncGenerator<ThenaAccount> {
    const pages = readAllPages('accounts.list', 1, params.limit ?? PAGE_LIMIT, (page, limit) =>
      this.list({ page, limit }),
    );
    for await (const page of pages) yield* page;
  }

  async get(id: string): Promise<ThenaAccount> {
    const operation = 'accounts.get';
    const body = await this.#http.request({
      operation,
      method: 'GET',
      path: `/v1/accounts/${enc(id)}`,
      idempotent: true,
    });
    return toAccount(unwrap(body), operation);
  }

  /** The accounts that exist among `ids` (missing ones are simply absent). */
  async getByIds(ids: readonly string[]): Promise<ThenaAccount[]> {
    return this.#lookup('accounts.getByIds', '/v1/accounts/filter/ids', 'ids', ids);
  }

  /** Accounts whose primary domain is among `domains`, compared ignoring case. */
  async findByPrimaryDomains(domains: readonly string[]): Promise<ThenaAccount[]> {
    return this.#lookup(
      'accounts.findByPrimaryDomains',
      '/v1/accounts/filter/primary-domains',
      'primaryDomains',
      domains,
    );
  }

  async create(input: ThenaAccountInput): Promise<ThenaAccount> {
    const operation = 'accounts.create';
    const body = await this.#http.request({
      operation,
      method: 'POST',
      path: '/v1/accounts',
      body: input,
      idempotent: false,
    });
    return toAccount(unwrap(body), operation);
  }

  /** Creates in batches; accounts whose primary domain already exists are skipped and reported. */
  async bulkCreate(inputs: readonly ThenaAccountInput[]): Promise<ThenaBulkResult<ThenaAccount>> {
    const operation = 'accounts.bulkCreate';
    const results: ThenaBulkResult<ThenaAccount>[] = [];
    for (const [batch, accounts] of chunk(inputs, BATCH_LIMIT).entries()) {
      const body = await this.#http.request({
        operation,
        method: 'POST',
        path: '/v1/accounts/bulk',
        body: { accounts },
        idempotent: false,
      });
      results.push(readBulkResult(body, operation, 'accounts', toAccount, batch * BATCH_LIMIT));
    }
    return mergeBulkResults(results);
  }

  /** Sends only the fields given; an empty answer is tolerated by reading the account back. */
  async update(id: string, patch: ThenaAccountPatch): Promise<ThenaAccount> {
    const operation = 'accounts.update';
    const body = await this.#http.request({
      operation,
      method: 'PUT',
      path: `/v1/accounts/${enc(id)}`,
      body: patch,
      idempotent: true,
    });
    return body === undefined ? this.get(id) : toAccount(unwrap(body), operation);
  }

  async delete(id: string): Promise<void> {
    await this.#http.request({
      operation: 'accounts.delete',
      method: 'DELETE',
      path: `/v1/accounts/${enc(id)}`,
      idempotent: true,
    });
  }

  async #lookup(
    operation: string,
    path: string,
    key: string,
    values: readonly string[],
  ): Promise<ThenaAccount[]> {
    const found: ThenaAccount[] = [];
    for (const batch of chunk([...new Set(values)], BATCH_LIMIT)) {
      const body = await this.#http.request({
        operation,
        method: 'POST',
        path,
        body: { [key]: batch },
        idempotent: true,
      });
      found.push(...this.#many(body, operation));
    }
    return found;
  }

  #many(body: unknown, operation: string): ThenaAccount[] {
    const items = list(body, 'accounts');
    if (!items) throw badResponse(operation, 'expected a list of accounts');
    return items.map((item) => toAccount(item, operation));
  }
}

const enc = encodeURIComponent;
