// Fresh databases for contract suites: the same tests run on SQLite and, when
// TEST_POSTGRES_URL is set, on PostgreSQL (each suite in its own schema).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dropPostgresSchema,
  ensurePostgresSchema,
  openConnection,
  type Connection,
  type DialectName,
  type StoreTarget,
} from '../../src/store/dialect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { SecretBox } from '../../src/store/secret-box.ts';
import { Store } from '../../src/store/store.ts';
import { Queue } from '../../src/queue/queue.ts';
import { ManualClock } from '../../src/sync/clock.ts';

export const postgresUrl = process.env.TEST_POSTGRES_URL;

/** The dialects this run covers: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export const DIALECTS: DialectName[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  dialect: DialectName;
  target: StoreTarget;
  connection: Connection;
  clock: ManualClock;
  key: Buffer;
  store: Store;
  queue: Queue;
  close(): Promise<void>;
}

export async function createTestTarget(
  dialect: DialectName,
): Promise<{ target: StoreTarget; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'thena-hubspot-test-'));
    return {
      target: { kind: 'sqlite', path: join(dir, 'test.db') },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await ensurePostgresSchema(postgresUrl, schema);
  return {
    target: { kind: 'postgres', url: postgresUrl, schema, poolSize: 10 },
    cleanup: () => dropPostgresSchema(postgresUrl, schema),
  };
}

export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const { target, cleanup } = await createTestTarget(dialect);
  const connection = openConnection(target);
  await migrateToLatest(connection);
  const clock = new ManualClock(Date.UTC(2026, 10, 1));
  const key = randomBytes(32);
  const store = new Store(connection.db, {
    dialect: connection.dialect,
    capabilities: connection.capabilities,
    secrets: new SecretBox(key),
    clock,
  });
  const queue = new Queue(connection.db, { clock, capabilities: connection.capabilities, random: () => 1 });
  return {
    dialect,
    target,
    connection,
    clock,
    key,
    store,
    queue,
    close: async () => {
      await connection.close();
      await cleanup();
    },
  };
}
