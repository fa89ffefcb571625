// The one place that knows SQLite from PostgreSQL. Everything else asks for capabilities.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export type StoreTarget =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Capabilities {
  /** `SELECT ... FOR UPDATE SKIP LOCKED` exists, so several processes can claim jobs at once. */
  skipLocked: boolean;
  /** Several connections may write at the same time (SQLite has one writer). */
  concurrentWriters: boolean;
}

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  capabilities: Capabilities;
  /** The PostgreSQL schema the connection works in, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

const INT8_OID = 20;

// bigint columns hold epoch milliseconds and counts, all far below 2^53: read them as numbers.
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown),
};

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles SQL on every prepare: about a
 * tenth of the service's CPU under event load. The engine runs few distinct statements, so each
 * compiled one is kept and reused (least recently used out first). Safe because a statement runs
 * to completion synchronously here (no query streams), and SQLite re-compiles a statement itself
 * after a schema change.
 */
export function withStatementCache(database: SqliteDatabase.Database, size = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string): SqliteDatabase.Statement {
      let statement = cache.get(text);
      if (statement !== undefined) cache.delete(text);
      else statement = database.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

function openSqlite(path: string): Connection {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return {
    db,
    dialect: 'sqlite',
    capabilities: { skipLocked: false, concurrentWriters: false },
    close: () => db.destroy(),
  };
}

function openPostgres(url: string, schema: string | undefined, poolSize: number): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client that loses its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  // Nor one that is checked out between two queries (inside a transaction): the pool listens only
  // to idle clients, and an 'error' event nobody listens to is thrown. The next query on the
  // client fails instead, and the pool discards the client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    capabilities: { skipLocked: true, concurrentWriters: true },
    ...(schema === undefined ? {} : { schema }),
    close: () => db.destroy(),
  };
}

export function openConnection(target: StoreTarget): Connection {
  return target.kind === 'sqlite'
    ? openSqlite(target.path)
    : openPostgres(target.url, target.schema, target.poolSize ?? 10);
}

/** Creates a PostgreSQL schema if missing (tests give each suite its own). */
export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
  } finally {
    await client.end();
  }
}

export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** A cheap round trip, for readiness checks. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** True when `err` is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
