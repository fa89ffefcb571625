// What the core needs from Thena, in the core's words; src/thena implements it on the client.
import type { HubSpotObjectType } from './properties.ts';
import type { ThenaFieldType, ThenaValue } from './thena-fields.ts';

/** A Thena contact or account as the core sees it: standard fields, custom values, account links. */
export interface ThenaRecord {
  id: string;
  /** Standard fields by Thena name (firstName, primaryDomain, ...). */
  fields: Record<string, ThenaValue>;
  /** Custom field values by Thena field id. */
  custom: Record<string, ThenaValue>;
  /** Contacts: the accounts the contact belongs to. */
  accountIds: string[];
  updatedAt: number | null;
}

export interface ThenaRecordWrite {
  /** Our correlation key, echoed in the outcome. */
  ref: string;
  fields: Record<string, ThenaValue>;
  custom: Record<string, ThenaValue>;
  /** Contacts: replaces the contact's whole set of accounts when present. */
  accountIds?: string[];
}

export type ThenaCreateOutcome =
  | { ref: string; ok: true; created: true; record: ThenaRecord }
  /** The record existed already (same email or domain): Thena kept it; here is its id. */
  | { ref: string; ok: true; created: false; existingId: string }
  | { ref: string; ok: false; code: string; message: string; retryable: boolean };

export interface ThenaField {
  id: string;
  name: string;
  fieldType: string;
  options: string[];
}

export interface ThenaPort {
  get(objectType: HubSpotObjectType, ids: readonly string[]): Promise<ThenaRecord[]>;
  /** One page (from 1) of every record, oldest first: Thena offers no "changed since" filter. */
  list(objectType: HubSpotObjectType, page: number, limit: number): Promise<ThenaRecord[]>;
  /** Contacts by email (case-insensitive): at most one each, emails being unique in Thena. */
  findContactsByEmail(emails: readonly string[]): Promise<Map<string, ThenaRecord>>;
  /** Accounts by normalised primary domain: possibly several each. */
  findAccountsByDomain(domains: readonly string[]): Promise<Map<string, ThenaRecord[]>>;
  create(objectType: HubSpotObjectType, writes: readonly ThenaRecordWrite[]): Promise<ThenaCreateOutcome[]>;
  update(objectType: HubSpotObjectType, id: string, write: ThenaRecordWrite): Promise<ThenaRecord>;
  delete(objectType: HubSpotObjectType, id: string): Promise<void>;
  listFields(objectType: HubSpotObjectType): Promise<ThenaField[]>;
  createField(
    objectType: HubSpotObjectType,
    field: { name: string; fieldType: ThenaFieldType; options: string[] },
  ): Promise<ThenaField>;
  publish(eventName: string, payload: Record<string, unknown>): Promise<void>;
}
