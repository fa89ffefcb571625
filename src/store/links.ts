// Links between HubSpot and Thena records: the product's memory of what matches what and of
// the values last written on each side.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { LinkWrite, ObjectType, PendingValues, RecordLink } from '../sync/model.ts';
import { fromJson, toJson } from './json.ts';
import type { Database, RecordLinkRow } from './schema.ts';

const CHUNK = 500;

function toLink(row: RecordLinkRow): RecordLink {
  return {
    id: row.id,
    objectType: row.object_type as ObjectType,
    hubspotId: row.hubspot_id,
    thenaId: row.thena_id,
    syncedValues: fromJson<Record<string, unknown>>(row.synced_values),
    hubspotFingerprint: row.hubspot_fingerprint,
    thenaFingerprint: row.thena_fingerprint,
    hubspotModifiedAt: row.hubspot_modified_at,
    thenaModifiedAt: row.thena_modified_at,
    hubspotDeletedAt: row.hubspot_deleted_at,
    thenaDeletedAt: row.thena_deleted_at,
    pendingValues: fromJson<PendingValues>(row.pending_values),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class LinkStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async byHubSpotIds(
    installationId: string,
    objectType: ObjectType,
    ids: readonly string[],
  ): Promise<Map<string, RecordLink>> {
    return this.#lookup(installationId, objectType, 'hubspot_id', ids);
  }

  async byThenaIds(
    installationId: string,
    objectType: ObjectType,
    ids: readonly string[],
  ): Promise<Map<string, RecordLink>> {
    return this.#lookup(installationId, objectType, 'thena_id', ids);
  }

  /** The links of the given record ids on one side, keyed by that id. */
  async #lookup(
    installationId: string,
    objectType: ObjectType,
    column: 'hubspot_id' | 'thena_id',
    ids: readonly string[],
  ): Promise<Map<string, RecordLink>> {
    const found = new Map<string, RecordLink>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.db
        .selectFrom('record_links')
        .selectAll()
        .where('installation_id', '=', installationId)
        .where('object_type', '=', objectType)
        .where(column, 'in', part)
        .execute();
      for (const row of rows) found.set(row[column], toLink(row));
    }
    return found;
  }

  /** Creates or replaces the link of a HubSpot record (keyed by its HubSpot id). */
  async upsert(installationId: string, link: LinkWrite): Promise<void> {
    const now = this.clock.now();
    const values = {
      thena_id: link.thenaId,
      synced_values: link.syncedValues === null ? null : toJson(link.syncedValues),
      hubspot_fingerprint: link.hubspotFingerprint,
      thena_fingerprint: link.thenaFingerprint,
      hubspot_modified_at: link.hubspotModifiedAt,
      thena_modified_at: link.thenaModifiedAt,
      hubspot_deleted_at: link.hubspotDeletedAt,
      thena_deleted_at: link.thenaDeletedAt ?? null,
      pending_values: null,
      updated_at: now,
    };
    await this.db
      .insertInto('record_links')
      .values({
        installation_id: installationId,
        object_type: link.objectType,
        hubspot_id: link.hubspotId,
        created_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(['installation_id', 'object_type', 'hubspot_id']).doUpdateSet(values))
      .execute();
  }

  /** Creates or replaces many links in one statement (a page of records at a time). */
  async upsertMany(installationId: string, links: readonly LinkWrite[]): Promise<void> {
    const now = this.clock.now();
    for (const part of chunks(links, 200)) {
      await this.db
        .insertInto('record_links')
        .values(
          part.map((link) => ({
            installation_id: installationId,
            object_type: link.objectType,
            hubspot_id: link.hubspotId,
            thena_id: link.thenaId,
            synced_values: link.syncedValues === null ? null : toJson(link.syncedValues),
            hubspot_fingerprint: link.hubspotFingerprint,
            thena_fingerprint: link.thenaFingerprint,
            hubspot_modified_at: link.hubspotModifiedAt,
            thena_modified_at: link.thenaModifiedAt,
            hubspot_deleted_at: link.hubspotDeletedAt,
            thena_deleted_at: link.thenaDeletedAt ?? null,
            pending_values: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['installation_id', 'object_type', 'hubspot_id']).doUpdateSet((eb) => ({
            thena_id: eb.ref('excluded.thena_id'),
            synced_values: eb.ref('excluded.synced_values'),
            hubspot_fingerprint: eb.ref('excluded.hubspot_fingerprint'),
            thena_fingerprint: eb.ref('excluded.thena_fingerprint'),
            hubspot_modified_at: eb.ref('excluded.hubspot_modified_at'),
            thena_modified_at: eb.ref('excluded.thena_modified_at'),
            hubspot_deleted_at: eb.ref('excluded.hubspot_deleted_at'),
            thena_deleted_at: eb.ref('excluded.thena_deleted_at'),
            pending_values: null,
            updated_at: now,
          })),
        )
        .execute();
    }
  }

  /** Updates the one link of a record, found by its id on either side. */
  async #updateOne(
    installationId: string,
    objectType: ObjectType,
    key: { column: 'hubspot_id' | 'thena_id'; id: string },
    set: { hubspot_id?: string; hubspot_deleted_at?: number | null; thena_deleted_at?: number | null },
  ): Promise<void> {
    await this.db
      .updateTable('record_links')
      .set({ ...set, updated_at: this.clock.now() })
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .where(key.column, '=', key.id)
      .execute();
  }

  /**
   * Records what is about to be written for each record, before the writes go out: one statement
   * per 100 records (a statement per record cost a commit each on PostgreSQL).
   */
  async recordPending(
    installationId: string,
    objectType: ObjectType,
    intents: readonly { hubspotId: string; pending: PendingValues }[],
  ): Promise<void> {
    for (const part of chunks(intents, 100)) {
      await this.db
        .updateTable('record_links')
        .set((eb) => {
          let byRecord = eb.case().when('hubspot_id', '=', part[0]!.hubspotId).then(toJson(part[0]!.pending));
          for (const intent of part.slice(1))
            byRecord = byRecord.when('hubspot_id', '=', intent.hubspotId).then(toJson(intent.pending));
          return { pending_values: byRecord.else(eb.ref('pending_values')).end() };
        })
        .where('installation_id', '=', installationId)
        .where('object_type', '=', objectType)
        .where(
          'hubspot_id',
          'in',
          part.map((intent) => intent.hubspotId),
        )
        .execute();
    }
  }

  /** Moves a link to the record that survived a HubSpot merge. */
  async rekeyHubSpot(
    installationId: string,
    objectType: ObjectType,
    fromId: string,
    toId: string,
  ): Promise<void> {
    await this.#updateOne(
      installationId,
      objectType,
      { column: 'hubspot_id', id: fromId },
      { hubspot_id: toId },
    );
  }

  async markHubSpotDeleted(
    installationId: string,
    objectType: ObjectType,
    hubspotId: string,
    at: number | null,
  ): Promise<void> {
    await this.#updateOne(
      installationId,
      objectType,
      { column: 'hubspot_id', id: hubspotId },
      { hubspot_deleted_at: at },
    );
  }

  async markThenaDeleted(
    installationId: string,
    objectType: ObjectType,
    thenaId: string,
    at: number | null,
  ): Promise<void> {
    await this.#updateOne(
      installationId,
      objectType,
      { column: 'thena_id', id: thenaId },
      { thena_deleted_at: at },
    );
  }

  async deleteByHubSpotId(installationId: string, objectType: ObjectType, hubspotId: string): Promise<void> {
    await this.db
      .deleteFrom('record_links')
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .where('hubspot_id', '=', hubspotId)
      .execute();
  }

  async count(installationId: string, objectType: ObjectType): Promise<number> {
    const row = await this.db
      .selectFrom('record_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .where('hubspot_deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
