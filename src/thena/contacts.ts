// Thena customer contacts (HubSpot contacts): list and iterate (optionally by account), get,
// look up by ids or email, create one or many, update, soft delete.
import { badResponse } from './errors.ts';
import type { ThenaHttp } from './http.ts';
import { mergeBulkResults, readBulkResult } from './bulk-result.ts';
import { toContact } from './normalize.ts';
import { BATCH_LIMIT, PAGE_LIMIT, chunk, readAllPages } from './paging.ts';
import { isJson, list, unwrap } from './read.ts';
import type {
  ThenaBulkContactsOptions,
  ThenaBulkResult,
  ThenaContact,
  ThenaContactInput,
  ThenaContactPatch,
} from './types.ts';

export interface ThenaContactListParams {
  accountId?: string;
  contactType?: string;
  page?: number;
  limit?: number;
}

export class ThenaContacts {
  readonly #http: ThenaHttp;

  constructor(http: ThenaHttp) {
    this.#http = http;
  }

  /** One page (1-based), of the organization or of one account. */
  async list(params: ThenaContactListParams = {}): Promise<ThenaContact[]> {
    const operation = 'contacts.list';
    const body = await this.#http.request({
      operation,
      method: 'GET',
      path: '/v1/accounts/contacts',
      query: {
        accountId: params.accountId,
        contactType: params.contactType,
        page: params.page ?? 1,
        limit: params.limit ?? PAGE_LIMIT,
      },
      idempotent: true,
    });
    return this.#many(body, operation);
  }

  /** Every contact (of the organization, or of one account), page after page, to the end. */
  async *iterate(params: Omit<ThenaContactListParams, 'page'> = {}): AsyncGenerator<ThenaContact> {
    const pages = readAllPages('contacts.list', 1, params.limit ?? PAGE_LIMIT, (page, limit) =>
      this.list({ ...params, page, limit }),
    );
    for await (const page of pages) yield* page;
  }

  async get(id: string): Promise<ThenaContact> {
    const operation = 'contacts.get';
    const path = `/v1/accounts/contacts/${enc(id)}`;
    const body = await this.#http.request({ operation, method: 'GET', path, idempotent: true });
    return toContact(unwrap(body), operation);
  }

  async getByIds(ids: readonly string[]): Promise<ThenaContact[]> {
    const operation = 'contacts.getByIds';
    const found: ThenaContact[] = [];
    for (const batch of chunk([...new Set(ids)], BATCH_LIMIT)) {
      const body = await this.#http.request({
        operation,
        method: 'POST',
        path: '/v1/accounts/contacts/filter/ids',
        body: { ids: batch },
        idempotent: true,
      });
      found.push(...this.#many(body, operation));
    }
    return found;
  }

  /** Thena's search answers with a list; a lone object is accepted too. */
  async searchByEmail(email: string): Promise<ThenaContact[]> {
    const operation = 'contacts.searchByEmail';
    const body = await this.#http.request({
      operation,
      method: 'GET',
      path: '/v1/accounts/contacts/search',
      query: { email },
      idempotent: true,
    });
    const inner = unwrap(body);
    if (isJson(inner) && ('id' in inner || 'uid' in inner)) return [toContact(inner, operation)];
    return this.#many(body, operation);
  }

  /** The contact with exactly this email (ignoring case), if any: email is unique per organization. */
  async findByEmail(email: string): Promise<ThenaContact | null> {
    const wanted = email.trim().toLowerCase();
    const matches = await this.searchByEmail(email.trim());
    return matches.find((contact) => contact.email.trim().toLowerCase() === wanted) ?? null;
  }

  /** Fails with `thena_duplicate_email` (details.existingContactId) when the email is taken. */
  async create(input: ThenaContactInput): Promise<ThenaContact> {
    const operation = 'contacts.create';
    const path = '/v1/accounts/contacts';
    const body = await this.#http.request({
      operation,
      method: 'POST',
      path,
      body: input,
      idempotent: false,
    });
    return toContact(unwrap(body), operation);
  }

  /** Creates in batches; existing emails are skipped and reported with the existing id when known. */
  async bulkCreate(
    inputs: readonly ThenaContactInput[],
    options: ThenaBulkContactsOptions = {},
  ): Promise<ThenaBulkResult<ThenaContact>> {
    const operation = 'contacts.bulkCreate';
    const results: ThenaBulkResult<ThenaContact>[] = [];
    for (const [batch, contacts] of chunk(inputs, BATCH_LIMIT).entries()) {
      const body = await this.#http.request({
        operation,
        method: 'POST',
        path: '/v1/accounts/contacts/bulk',
        body: { ...options, contacts },
        idempotent: false,
      });
      results.push(readBulkResult(body, operation, 'contacts', toContact, batch * BATCH_LIMIT));
    }
    return mergeBulkResults(results);
  }

  /** `accountIds`, when given, replaces the contact's whole set of accounts. */
  async update(id: string, patch: ThenaContactPatch): Promise<ThenaContact> {
    const operation = 'contacts.update';
    const path = `/v1/accounts/contacts/${enc(id)}`;
    const body = await this.#http.request({ operation, method: 'PUT', path, body: patch, idempotent: true });
    return body === undefined ? this.get(id) : toContact(unwrap(body), operation);
  }

  async delete(id: string): Promise<void> {
    const path = `/v1/accounts/contacts/${enc(id)}`;
    await this.#http.request({ operation: 'contacts.delete', method: 'DELETE', path, idempotent: true });
  }

  #many(body: unknown, operation: string): ThenaContact[] {
    const items = list(body, 'contacts');
    if (!items) throw badResponse(operation, 'expected a list of customer contacts');
    return items.map((item) => toContact(item, operation));
  }
}

const enc = encodeURIComponent;
