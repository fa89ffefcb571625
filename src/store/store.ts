// The store: one object per aggregate over one Kysely handle. `transaction` hands the same
// shape bound to a transaction, so callers commit several writes (and jobs) together.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import { ApiTokenStore } from './api-tokens.ts';
import { AuditStore } from './audit.ts';
import { CheckpointStore } from './checkpoints.ts';
import { ConfigStore } from './configs.ts';
import { CredentialStore } from './credentials.ts';
import { CustomFieldMapStore } from './custom-fields.ts';
import type { Capabilities, DialectName } from './dialect.ts';
import { InboxStore } from './inbox.ts';
import { InstallationStore } from './installations.ts';
import { LinkStore } from './links.ts';
import { OAuthStateStore } from './oauth-states.ts';
import { RateLimitStore } from './rate-limits.ts';
import { RunStore } from './runs.ts';
import type { Database } from './schema.ts';
import type { SecretBox } from './secret-box.ts';

export interface StoreContext {
  dialect: DialectName;
  capabilities: Capabilities;
  secrets: SecretBox;
  clock: Clock;
}

export class Store {
  readonly installations: InstallationStore;
  readonly credentials: CredentialStore;
  readonly configs: ConfigStore;
  readonly links: LinkStore;
  readonly customFields: CustomFieldMapStore;
  readonly checkpoints: CheckpointStore;
  readonly runs: RunStore;
  readonly audit: AuditStore;
  readonly inbox: InboxStore;
  readonly rateLimits: RateLimitStore;
  readonly oauthStates: OAuthStateStore;
  readonly apiTokens: ApiTokenStore;

  constructor(
    readonly db: Kysely<Database>,
    readonly context: StoreContext,
  ) {
    const { clock } = context;
    this.installations = new InstallationStore(db, clock);
    this.credentials = new CredentialStore(db, context.secrets, clock);
    this.configs = new ConfigStore(db, clock);
    this.links = new LinkStore(db, clock);
    this.customFields = new CustomFieldMapStore(db, clock);
    this.checkpoints = new CheckpointStore(db, clock);
    this.runs = new RunStore(db, clock);
    this.audit = new AuditStore(db, clock);
    this.inbox = new InboxStore(db, clock);
    this.rateLimits = new RateLimitStore(db, clock);
    this.oauthStates = new OAuthStateStore(db, clock);
    this.apiTokens = new ApiTokenStore(db);
  }

  /** Runs `fn` in one transaction (or in the caller's, when this store is already bound to one). */
  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new Store(trx, this.context)));
  }
}
