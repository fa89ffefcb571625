// Single-use OAuth states: a hash per issued state, consumed once, before it expires.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { StatePort } from '../sync/app/oauth-state.ts';
import type { Database } from './schema.ts';

export class OAuthStateStore implements StatePort {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async remember(stateHash: string, orgId: string, expiresAt: number): Promise<void> {
    const now = this.clock.now();
    // Forget expired states on the way: they can never be used.
    await this.db
      .deleteFrom('oauth_states')
      .where('expires_at', '<', now - 60_000)
      .execute();
    await this.db
      .insertInto('oauth_states')
      .values({ state_hash: stateHash, org_id: orgId, expires_at: expiresAt, used_at: null, created_at: now })
      .execute();
  }

  async consume(stateHash: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('oauth_states')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
