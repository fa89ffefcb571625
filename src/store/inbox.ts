// The webhook inbox: every accepted webhook or event lands here first (deduplicated), so the
// HTTP answer is fast and nothing is lost if a worker dies before processing it.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { ObjectType } from '../sync/model.ts';
import { toJson } from './json.ts';
import type { Database } from './schema.ts';

export type InboxSource = 'hubspot' | 'thena';

export interface InboxItemInput {
  installationId: string;
  source: InboxSource;
  dedupeKey: string;
  objectType: ObjectType | null;
  payload: unknown;
}

export interface InboxItem {
  id: number;
  installationId: string;
  source: InboxSource;
  objectType: ObjectType | null;
  payload: unknown;
  receivedAt: number;
}

export class InboxStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Stores items not seen before; returns the ones actually added (duplicates are dropped). */
  async add(items: readonly InboxItemInput[]): Promise<InboxItemInput[]> {
    const added: InboxItemInput[] = [];
    const now = this.clock.now();
    for (const item of items) {
      const result = await this.db
        .insertInto('webhook_inbox')
        .values({
          installation_id: item.installationId,
          source: item.source,
          dedupe_key: item.dedupeKey,
          object_type: item.objectType,
          payload: toJson(item.payload),
          received_at: now,
          processed_at: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) added.push(item);
    }
    return added;
  }

  async pending(
    installationId: string,
    source: InboxSource,
    objectType: ObjectType | null,
    limit: number,
  ): Promise<InboxItem[]> {
    let q = this.db
      .selectFrom('webhook_inbox')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('source', '=', source)
      .where('processed_at', 'is', null);
    q = objectType === null ? q : q.where('object_type', '=', objectType);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      installationId: r.installation_id,
      source: r.source as InboxSource,
      objectType: r.object_type as ObjectType | null,
      payload: JSON.parse(r.payload) as unknown,
      receivedAt: r.received_at,
    }));
  }

  async markProcessed(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('webhook_inbox')
      .set({ processed_at: this.clock.now() })
      .where('id', 'in', [...ids])
      .execute();
  }

  async countPending(installationId: string, source: InboxSource): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_inbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('installation_id', '=', installationId)
      .where('source', '=', source)
      .where('processed_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Forgets processed items received before `before` (the dedupe window ends there). */
  async prune(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('webhook_inbox')
      .where('processed_at', 'is not', null)
      .where('received_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
