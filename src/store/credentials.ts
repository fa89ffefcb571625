// Credentials are sealed before they are written; only expiry and versions stay readable, so a
// refresh can be scheduled and coordinated without opening the secret.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { CredentialKind, CredentialPort, StoredCredential } from '../sync/ports.ts';
import type { Database } from './schema.ts';
import type { SecretBox } from './secret-box.ts';

export class CredentialStore implements CredentialPort {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async put(
    installationId: string,
    kind: CredentialKind,
    secret: unknown,
    expiresAt: number | null,
  ): Promise<void> {
    const sealed = this.box.seal(JSON.stringify(secret), `${installationId}/${kind}`);
    const now = this.clock.now();
    await this.db
      .insertInto('credentials')
      .values({
        installation_id: installationId,
        kind,
        sealed,
        expires_at: expiresAt,
        version: 1,
        refresh_lease_until: null,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['installation_id', 'kind']).doUpdateSet((eb) => ({
          sealed,
          expires_at: expiresAt,
          version: eb('credentials.version', '+', 1),
          refresh_lease_until: null,
          updated_at: now,
        })),
      )
      .execute();
  }

  async get<T>(installationId: string, kind: CredentialKind): Promise<StoredCredential<T> | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .select(['sealed', 'expires_at', 'version'])
      .where('installation_id', '=', installationId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const secret = JSON.parse(this.box.open(row.sealed, `${installationId}/${kind}`)) as T;
    return { secret, expiresAt: row.expires_at, version: row.version };
  }

  /**
   * Takes the right to refresh this credential for `leaseMs`, unless another process holds it.
   * Only the holder calls the token endpoint; the others wait and read the new token.
   */
  async tryLeaseRefresh(installationId: string, kind: CredentialKind, leaseMs: number): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.db
      .updateTable('credentials')
      .set({ refresh_lease_until: now + leaseMs })
      .where('installation_id', '=', installationId)
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseRefreshLease(installationId: string, kind: CredentialKind): Promise<void> {
    await this.db
      .updateTable('credentials')
      .set({ refresh_lease_until: null })
      .where('installation_id', '=', installationId)
      .where('kind', '=', kind)
      .execute();
  }

  async delete(installationId: string, kind: CredentialKind): Promise<void> {
    await this.db
      .deleteFrom('credentials')
      .where('installation_id', '=', installationId)
      .where('kind', '=', kind)
      .execute();
  }
}
