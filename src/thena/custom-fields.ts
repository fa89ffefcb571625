// Thena custom field definitions (0-based pages, enveloped answers) and account attributes
// (the picklist values behind status, classification, health, industry and contact type).
import { badResponse } from './errors.ts';
import type { ThenaHttp } from './http.ts';
import { toAttributeValue, toCustomField } from './normalize.ts';
import { PAGE_LIMIT, readAllPages } from './paging.ts';
import { list, unwrap } from './read.ts';
import type {
  ThenaAttributeType,
  ThenaAttributeValue,
  ThenaCustomField,
  ThenaCustomFieldInput,
  ThenaFieldSource,
} from './types.ts';

export interface ThenaCustomFieldListParams {
  source?: ThenaFieldSource;
  teamId?: string;
}

export class ThenaCustomFields {
  readonly #http: ThenaHttp;

  constructor(http: ThenaHttp) {
    this.#http = http;
  }

  /** One page; Thena numbers custom-field pages from 0. */
  async listPage(
    params: ThenaCustomFieldListParams & { page: number; limit?: number },
  ): Promise<ThenaCustomField[]> {
    const operation = 'customFields.list';
    const body = await this.#http.request({
      operation,
      method: 'GET',
      path: '/v1/custom-field',
      query: {
        page: params.page,
        limit: params.limit ?? PAGE_LIMIT,
        source: params.source,
        teamId: params.teamId,
      },
      idempotent: true,
    });
    const items = list(body, 'customFields', 'fields');
    if (!items) throw badResponse(operation, 'expected a list of custom fields');
    return items.map((item) => toCustomField(item, operation));
  }

  /** Every page, to the end. */
  async list(params: ThenaCustomFieldListParams = {}): Promise<ThenaCustomField[]> {
    const all: ThenaCustomField[] = [];
    const pages = readAllPages('customFields.list', 0, PAGE_LIMIT, (page, limit) =>
      this.listPage({ ...params, page, limit }),
    );
    for await (const page of pages) all.push(...page);
    return all;
  }

  /** Fails with `thena_duplicate_field` when a field of that name and source exists. */
  async create(input: ThenaCustomFieldInput): Promise<ThenaCustomField> {
    const operation = 'customFields.create';
    const body = await this.#http.request({
      operation,
      method: 'POST',
      path: '/v1/custom-field',
      body: input,
      idempotent: false,
    });
    return toCustomField(unwrap(body), operation);
  }
}

export class ThenaAttributes {
  readonly #http: ThenaHttp;

  constructor(http: ThenaHttp) {
    this.#http = http;
  }

  async list(attribute: ThenaAttributeType): Promise<ThenaAttributeValue[]> {
    const operation = 'attributes.list';
    const body = await this.#http.request({
      operation,
      method: 'GET',
      path: '/v1/accounts/attributes',
      query: { attribute },
      idempotent: true,
    });
    const items = list(body, 'attributes', 'values');
    if (!items) throw badResponse(operation, 'expected a list of attribute values');
    return items.map((item) => toAttributeValue(item, operation));
  }
}
