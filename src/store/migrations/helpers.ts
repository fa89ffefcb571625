// Column shapes that differ between dialects, handed to migrations by the migrator.
import { sql, type ColumnDefinitionBuilder, type Expression } from 'kysely';
import type { DialectName } from '../dialect.ts';

export interface ColumnHelpers {
  autoIncrement: 'bigint' | Expression<unknown>;
  autoIncrementKey(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

export function columnHelpers(dialect: DialectName): ColumnHelpers {
  if (dialect === 'postgres') {
    return {
      autoIncrement: 'bigint',
      autoIncrementKey: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
    };
  }
  // SQLite: INTEGER PRIMARY KEY AUTOINCREMENT never reuses an id, so ids keep their order.
  return {
    autoIncrement: sql`integer`,
    autoIncrementKey: (c) => c.primaryKey().autoIncrement(),
  };
}
