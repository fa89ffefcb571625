// Checkpoints per stream (e.g. "backfill:contacts"), committed after every page so a crashed or
// restarted run resumes where it stopped.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import { fromJson, toJson } from './json.ts';
import type { Database } from './schema.ts';

export class CheckpointStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get<T>(installationId: string, stream: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom('checkpoints')
      .select('value')
      .where('installation_id', '=', installationId)
      .where('stream', '=', stream)
      .executeTakeFirst();
    return row === undefined ? undefined : (fromJson<T>(row.value) as T);
  }

  async put(installationId: string, stream: string, value: unknown): Promise<void> {
    const now = this.clock.now();
    const text = toJson(value);
    await this.db
      .insertInto('checkpoints')
      .values({ installation_id: installationId, stream, value: text, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['installation_id', 'stream']).doUpdateSet({ value: text, updated_at: now }),
      )
      .execute();
  }

  async delete(installationId: string, stream: string): Promise<void> {
    await this.db
      .deleteFrom('checkpoints')
      .where('installation_id', '=', installationId)
      .where('stream', '=', stream)
      .execute();
  }
}
