// What the API services need from the store beyond the engine's StorePort: token rows, saving a
// configuration version, and two status queries. The concrete Store satisfies it as it is.
import type { Direction, ObjectType, RunTrigger, StoredConfig, SyncRun } from '../model.ts';
import type { ApiTokenPort } from './api-tokens.ts';

export interface ApiStorePort {
  apiTokens: ApiTokenPort;
  configs: {
    current<S>(installationId: string, objectType: ObjectType): Promise<StoredConfig<S> | undefined>;
    /** Throws `config_version_conflict` (409) when `expectedVersion` is not the current version. */
    save<S>(
      installationId: string,
      objectType: ObjectType,
      config: { enabled: boolean; settings: S },
      expectedVersion?: number,
    ): Promise<StoredConfig<S>>;
  };
  audit: {
    /** Records (of either direction) whose latest audit entry is FAILED. */
    countFailedRecords(installationId: string, objectType: ObjectType): Promise<number>;
  };
  runs: {
    /** The newest succeeded run started by one of `triggers`. */
    lastSucceeded(
      installationId: string,
      objectType: ObjectType,
      direction: Direction,
      triggers: readonly RunTrigger[],
    ): Promise<SyncRun | undefined>;
  };
}
