// Sync configuration per installation and object type, versioned: every save is a new row, so a
// change can be traced and a stale editor cannot overwrite a newer version.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import { AppError } from '../sync/errors.ts';
import type { ObjectType, StoredConfig } from '../sync/model.ts';
import { fromJson, toJson } from './json.ts';
import type { Database } from './schema.ts';

export class ConfigStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async current<S>(installationId: string, objectType: ObjectType): Promise<StoredConfig<S> | undefined> {
    const row = await this.db
      .selectFrom('sync_configs')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      version: row.version,
      enabled: row.enabled === 1,
      settings: fromJson<S>(row.settings) as S,
      createdAt: row.created_at,
    };
  }

  /**
   * Saves a new version. With `expectedVersion`, refuses when someone saved in between; the
   * primary key (installation, object, version) also refuses two concurrent saves of one version.
   */
  async save<S>(
    installationId: string,
    objectType: ObjectType,
    config: { enabled: boolean; settings: S },
    expectedVersion?: number,
  ): Promise<StoredConfig<S>> {
    const current = await this.current<S>(installationId, objectType);
    const currentVersion = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
      throw new AppError(
        'config_version_conflict',
        `configuration was changed meanwhile (now version ${currentVersion}, edited version ${expectedVersion})`,
        { httpStatus: 409, details: { currentVersion, expectedVersion } },
      );
    }
    const row = {
      installation_id: installationId,
      object_type: objectType,
      version: currentVersion + 1,
      enabled: config.enabled ? 1 : 0,
      settings: toJson(config.settings),
      created_at: this.clock.now(),
    };
    await this.db.insertInto('sync_configs').values(row).execute();
    return {
      version: row.version,
      enabled: config.enabled,
      settings: config.settings,
      createdAt: row.created_at,
    };
  }

  async versions(installationId: string, objectType: ObjectType): Promise<number[]> {
    const rows = await this.db
      .selectFrom('sync_configs')
      .select('version')
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .orderBy('version')
      .execute();
    return rows.map((r) => r.version);
  }
}
