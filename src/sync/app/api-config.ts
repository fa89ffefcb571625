// An object's sync configuration: read (or the defaults), and saved as a new version after the
// portal's properties confirm it. Changing what is synced starts a backfill, so records already in
// Thena get the new fields and records the filters now let through arrive.
import { startBackfill } from '../engine/backfill.ts';
import { forgetProperties, type EngineDeps } from '../engine/context.ts';
import { AppError, isAppError } from '../errors.ts';
import { withLockedFields } from '../field-config.ts';
import type { ObjectType, StoredConfig } from '../model.ts';
import { defaultSettings, normalizeSettings, type SyncSettings } from '../settings.ts';
import { askHubSpot, connectionsOf, requireConnected, requireInstallation } from './api-access.ts';
import { checkedSettings, storedFilterValue, type ConfigDraft } from './api-draft.ts';
import type { ApiStorePort } from './api-ports.ts';
import { isoOrNull, type ConfigView } from './api-views.ts';

/** An object whose configuration was never saved is synced (the engine's default too). */
export const SYNC_ENABLED_BY_DEFAULT = true;

export class ConfigService {
  constructor(
    private readonly engine: EngineDeps,
    private readonly store: ApiStorePort,
  ) {}

  async get(orgId: string, objectType: ObjectType): Promise<ConfigView> {
    const installation = await requireInstallation(this.engine, orgId);
    const stored = await this.store.configs.current<SyncSettings>(installation.id, objectType);
    return configView(objectType, stored);
  }

  async put(
    orgId: string,
    objectType: ObjectType,
    draft: ConfigDraft,
    expectedVersion: number | undefined,
  ): Promise<ConfigView> {
    const installation = await requireConnected(this.engine, orgId);
    const { hubspot } = await connectionsOf(this.engine, installation);
    const properties = await askHubSpot(this.engine, 'list properties', () =>
      hubspot.listProperties(objectType),
    );
    const settings = normalizeSettings(objectType, checkedSettings(objectType, draft, properties));
    const previous = await this.store.configs.current<SyncSettings>(installation.id, objectType);
    const config = { enabled: draft.enabled, settings };
    const saved = await this.#save(
      installation.id,
      objectType,
      config,
      previous?.version ?? 0,
      expectedVersion,
    );
    if (changesWhatIsSynced(objectType, previous, saved)) {
      forgetProperties(installation.id);
      await startBackfill(this.engine, installation.id, objectType, 'fields_changed');
    }
    return configView(objectType, saved);
  }

  /** Saves the next version; `current` is the version read before (0: none). */
  async #save(
    installationId: string,
    objectType: ObjectType,
    config: { enabled: boolean; settings: SyncSettings },
    current: number,
    expectedVersion: number | undefined,
  ): Promise<StoredConfig<SyncSettings>> {
    try {
      return await this.store.configs.save(installationId, objectType, config, expectedVersion);
    } catch (err) {
      // Two saves of one version race to the same primary key: the loser worked on a stale version.
      const now = (await this.store.configs.current(installationId, objectType))?.version ?? 0;
      if (isAppError(err) || now === current) throw err;
      const message = `configuration was changed meanwhile (now version ${now})`;
      const details = { currentVersion: now, expectedVersion: expectedVersion ?? current };
      throw new AppError('config_version_conflict', message, { httpStatus: 409, details });
    }
  }
}

function configView(objectType: ObjectType, stored: StoredConfig<SyncSettings> | undefined): ConfigView {
  const settings = normalizeSettings(objectType, stored?.settings ?? defaultSettings(objectType));
  return {
    enabled: stored?.enabled ?? SYNC_ENABLED_BY_DEFAULT,
    fields: settings.fields.map((f) =>
      f.conflictPolicy === undefined
        ? { property: f.property, direction: f.direction }
        : { property: f.property, direction: f.direction, conflictPolicy: f.conflictPolicy },
    ),
    filters: settings.filters.map((f) => {
      const value = storedFilterValue(f.value);
      return value === undefined
        ? { field: f.field, operator: f.operator }
        : { field: f.field, operator: f.operator, value };
    }),
    conflictPolicy: settings.conflictPolicy,
    blankOverwrites: settings.blankOverwrites,
    deletion: { ...settings.deletion },
    version: stored?.version ?? 0,
    updatedAt: isoOrNull(stored?.createdAt ?? null),
  };
}

const selectedSet = (objectType: ObjectType, settings: SyncSettings): string =>
  withLockedFields(settings.fields, objectType)
    .map((f) => f.property)
    .sort()
    .join('\n');

/**
 * True when the saved version syncs other fields or other records than the previous one: sync
 * just turned on, the selected fields changed, or the filters did.
 */
function changesWhatIsSynced(
  objectType: ObjectType,
  previous: StoredConfig<SyncSettings> | undefined,
  saved: StoredConfig<SyncSettings>,
): boolean {
  if (!saved.enabled) return false;
  if (!(previous?.enabled ?? SYNC_ENABLED_BY_DEFAULT)) return true;
  const before = previous?.settings ?? defaultSettings(objectType);
  return (
    selectedSet(objectType, before) !== selectedSet(objectType, saved.settings) ||
    JSON.stringify(before.filters) !== JSON.stringify(saved.settings.filters)
  );
}
