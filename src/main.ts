// The composition root: the only module that names concrete classes. It opens the database,
// builds the store, queue, clients and engine, and starts the server and workers.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from './config.ts';
import { createLogger } from './logging.ts';
import { Queue } from './queue/queue.ts';
import type { JobHandler } from './queue/types.ts';
import { Worker } from './queue/worker.ts';
import { buildServer } from './server/app.ts';
import { openConnection, ping, type Connection, type StoreTarget } from './store/dialect.ts';
import { migrateToLatest } from './store/migrate.ts';
import { SecretBox } from './store/secret-box.ts';
import { Store } from './store/store.ts';
import { systemClock, type Clock } from './sync/clock.ts';

export interface RuntimeOptions {
  logger?: PinoLogger;
  clock?: Clock;
}

export interface Runtime {
  config: Config;
  logger: PinoLogger;
  connection: Connection;
  store: Store;
  queue: Queue;
  handlers: Record<string, JobHandler>;
  close(): Promise<void>;
}

/** The configured key, or (demo and first runs) one kept in the data folder, readable by us only. */
export function resolveEncryptionKey(config: Config, logger: PinoLogger): Buffer {
  if (config.encryptionKey !== undefined) return config.encryptionKey;
  const path = join(config.dataDir, 'encryption.key');
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  chmodSync(path, 0o600);
  logger.warn({ path }, 'ENCRYPTION_KEY is not set: generated a key in the data folder');
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

function storeTarget(config: Config): StoreTarget {
  return config.database.kind === 'sqlite'
    ? { kind: 'sqlite', path: config.database.path }
    : { kind: 'postgres', url: config.database.url };
}

/** Opens the database (migrating it) and builds everything both `serve` and `worker` need. */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const connection = openConnection(storeTarget(config));
  try {
    const applied = await migrateToLatest(connection);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
  } catch (err) {
    await connection.close();
    throw err;
  }
  const secrets = new SecretBox(resolveEncryptionKey(config, logger));
  const store = new Store(connection.db, {
    dialect: connection.dialect,
    capabilities: connection.capabilities,
    secrets,
    clock,
  });
  const queue = new Queue(connection.db, { clock, capabilities: connection.capabilities });
  const handlers: Record<string, JobHandler> = {};
  return { config, logger, connection, store, queue, handlers, close: () => connection.close() };
}

export function startWorker(runtime: Runtime): Worker {
  const worker = new Worker(runtime.queue, runtime.handlers, {
    concurrency: runtime.config.workerConcurrency,
    logger: runtime.logger,
  });
  worker.start();
  return worker;
}

export async function createServer(runtime: Runtime): Promise<FastifyInstance> {
  return buildServer({
    logger: runtime.logger,
    readiness: { database: () => ping(runtime.connection.db) },
  });
}
