import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './dialect.ts';

describe('the SQLite statement cache', () => {
  it('reuses the compiled statement of the same SQL and drops the least recently used', () => {
    const database = new SqliteDatabase(':memory:');
    const cached = withStatementCache(database, 2);
    const a = cached.prepare('select 1 as one');
    expect(cached.prepare('select 1 as one')).toBe(a);
    const b = cached.prepare('select 2 as two');
    cached.prepare('select 1 as one'); // a is now the most recently used
    cached.prepare('select 3 as three'); // pushes out b
    expect(cached.prepare('select 1 as one')).toBe(a);
    expect(cached.prepare('select 2 as two')).not.toBe(b);
    cached.close();
    expect(database.open).toBe(false);
  });

  it('keeps working when the schema changes under a cached statement', () => {
    const database = new SqliteDatabase(':memory:');
    const cached = withStatementCache(database);
    database.exec('create table t (a integer)');
    database.exec('insert into t values (1)');
    expect(cached.prepare('select * from t').all()).toEqual([{ a: 1 }]);
    database.exec('alter table t add column b text');
    database.exec("update t set b = 'x'");
    expect(cached.prepare('select * from t').all()).toEqual([{ a: 1, b: 'x' }]);
  });
});
