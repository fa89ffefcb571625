// What the core needs from HubSpot, in the core's words. The adapter in src/hubspot implements
// it on the official SDK; the engine never sees HTTP.
import type { HubSpotObjectType, HubSpotProperty } from './properties.ts';

export type HubSpotValues = Record<string, string | null>;

/** A contact's or company's link to a company, as HubSpot's associations report it. */
export interface CompanyAssociation {
  companyId: string;
  primary: boolean;
}

export interface HubSpotRecord {
  id: string;
  properties: HubSpotValues;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  /** Contacts only, when asked for: the companies the contact is associated with. */
  companies?: CompanyAssociation[];
}

export interface ListPageRequest {
  after?: string;
  limit: number;
  properties: readonly string[];
  withCompanies?: boolean;
}

export interface RecordPage {
  records: HubSpotRecord[];
  /** Cursor of the next page; absent on the last page. */
  nextAfter?: string;
}

export interface SearchRequest {
  /** Records whose last-modified time is at or after this epoch ms. */
  modifiedSince?: number;
  /** Records with hs_object_id strictly greater than this (windowing past the 10,000 cap). */
  idAbove?: string;
  /** Records with hs_object_id strictly below this. */
  idBelow?: string;
  properties: readonly string[];
  limit: number;
  /** Offset within the current query (HubSpot's integer `after`). */
  after?: string;
  /** Sort by id (ascending) or newest-modified first. */
  sort: 'id_ascending' | 'id_descending';
}

export interface SearchPage extends RecordPage {
  total: number;
}

export interface BatchReadResult {
  records: HubSpotRecord[];
  /** Ids HubSpot did not find (deleted, or merged into another record). */
  missing: string[];
}

/** One record to write to HubSpot, keyed by id (update) or by email (contact upsert). */
export interface HubSpotWrite {
  /** Our own correlation key, echoed in the result. */
  ref: string;
  id?: string;
  email?: string;
  properties: Record<string, string>;
}

export type HubSpotWriteResult =
  | { ref: string; ok: true; id: string; created: boolean; record: HubSpotRecord }
  | { ref: string; ok: false; code: string; message: string; retryable: boolean };

export interface AssociationChange {
  contactId: string;
  companyId: string;
  primary: boolean;
}

export interface HubSpotPort {
  listProperties(objectType: HubSpotObjectType): Promise<HubSpotProperty[]>;
  listPage(objectType: HubSpotObjectType, request: ListPageRequest): Promise<RecordPage>;
  batchRead(
    objectType: HubSpotObjectType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<BatchReadResult>;
  search(objectType: HubSpotObjectType, request: SearchRequest): Promise<SearchPage>;
  /** How many live records the portal holds (the status page's "records in HubSpot"). */
  count(objectType: HubSpotObjectType): Promise<number>;
  /** The companies each contact is associated with (v4 batch read). */
  companiesOfContacts(contactIds: readonly string[]): Promise<Map<string, CompanyAssociation[]>>;
  /** The contacts associated with each company (v4 batch read). */
  contactsOfCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Creates or updates up to 100 records in one call; per-record failures come back as values. */
  write(objectType: HubSpotObjectType, writes: readonly HubSpotWrite[]): Promise<HubSpotWriteResult[]>;
  /** Records whose `property` equals one of `values` (search, IN; at most 100 values). */
  findByProperty(
    objectType: HubSpotObjectType,
    property: string,
    values: readonly string[],
    properties: readonly string[],
  ): Promise<HubSpotRecord[]>;
  /** Deletes (archives) records; unknown ids are ignored. */
  archive(objectType: HubSpotObjectType, ids: readonly string[]): Promise<void>;
  associate(changes: readonly AssociationChange[]): Promise<void>;
  dissociate(changes: readonly Omit<AssociationChange, 'primary'>[]): Promise<void>;
}

/** A HubSpot webhook event, parsed (src/hubspot/webhooks.ts reads the wire format). */
export interface HubSpotWebhookEvent {
  eventId: string;
  subscriptionId: string;
  portalId: string;
  appId: string | undefined;
  occurredAt: number;
  /** e.g. contact.propertyChange */
  subscriptionType: string;
  object: 'contact' | 'company';
  change: string;
  attemptNumber: number;
  objectId: string;
  propertyName?: string;
  propertyValue?: string;
  changeSource?: string;
  sourceId?: string;
  primaryObjectId?: string;
  mergedObjectIds?: string[];
  newObjectId?: string;
  associationType?: string;
  fromObjectId?: string;
  toObjectId?: string;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export type ParsedWebhook =
  { ok: true; events: HubSpotWebhookEvent[]; ignored: number } | { ok: false; reason: string };

/** Reading HubSpot webhook deliveries: signature, body, dedupe key (the adapter implements it). */
export interface WebhookCodec {
  verify(input: {
    method: string;
    url: string;
    rawBody: string;
    signature: string | undefined;
    timestamp: string | undefined;
    now: number;
  }): Verdict;
  parse(rawBody: string): ParsedWebhook;
  dedupeKey(event: HubSpotWebhookEvent): string;
}

/** What HubSpot grants for an installation (stored sealed). */
export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms at which the access token stops working. */
  expiresAt: number;
  hubId: string;
  scopes: string[];
}

/** HubSpot's OAuth as the install flow uses it. */
export interface HubSpotAuthorizer {
  authorizeUrl(input: { redirectUri: string; state: string }): string;
  exchangeCode(code: string, redirectUri: string): Promise<HubSpotTokens>;
  revoke(refreshToken: string): Promise<void>;
}
