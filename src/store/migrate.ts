// Runs the schema migrations (Kysely Migrator); at start and from `thena-hubspot migrate`.
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { errorMessage } from '../sync/errors.ts';
import type { Connection } from './dialect.ts';
import { columnHelpers } from './migrations/helpers.ts';
import * as initial from './migrations/0001-initial.ts';

function provider(connection: Connection): MigrationProvider {
  const col = columnHelpers(connection.dialect);
  const migrations: Record<string, Migration> = {
    '0001-initial': { up: (db) => initial.up(db, col) },
  };
  return { getMigrations: async () => migrations };
}

export async function migrateToLatest(connection: Connection): Promise<string[]> {
  const migrator = new Migrator({
    db: connection.db,
    provider: provider(connection),
    // Kysely looks for its own tables in every schema; name ours so another schema's don't count.
    ...(connection.schema === undefined ? {} : { migrationTableSchema: connection.schema }),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${errorMessage(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
