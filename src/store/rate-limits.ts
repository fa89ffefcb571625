// Request pacing kept in the database, so every process serving one HubSpot portal shares one
// budget. Each reservation takes the next free slot (GCRA): slots are `intervalMs` apart.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { RateLimitPort } from '../sync/ports.ts';
import type { Database } from './schema.ts';

export class RateLimitStore implements RateLimitPort {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Reserves the next slot under `key`; returns the epoch ms at which the request may start. */
  async reserve(key: string, spacingMs: number): Promise<number> {
    // Whole milliseconds: the column is an integer on both dialects.
    const intervalMs = Math.ceil(spacingMs);
    const now = this.clock.now();
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, next_at: now + intervalMs, updated_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          next_at: eb
            .case()
            .when('rate_limits.next_at', '>', now)
            .then(eb('rate_limits.next_at', '+', intervalMs))
            .else(now + intervalMs)
            .end(),
          updated_at: now,
        })),
      )
      .returning('next_at')
      .executeTakeFirstOrThrow();
    return Number(row.next_at) - intervalMs;
  }

  /** Holds every later request under `key` until `until` (after the remote side said "slow down"). */
  async holdUntil(key: string, untilMs: number): Promise<void> {
    const until = Math.ceil(untilMs);
    const now = this.clock.now();
    await this.db
      .insertInto('rate_limits')
      .values({ key, next_at: until, updated_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          next_at: eb
            .case()
            .when('rate_limits.next_at', '<', until)
            .then(until)
            .else(eb.ref('rate_limits.next_at'))
            .end(),
          updated_at: now,
        })),
      )
      .execute();
  }
}
