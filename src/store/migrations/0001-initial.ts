// The first schema: every table the product keeps. Portable DDL; the one dialect difference
// (auto-increment keys) comes from the caller's column helper.
import { sql, type Kysely } from 'kysely';
import type { ColumnHelpers } from './helpers.ts';

export async function up(db: Kysely<unknown>, col: ColumnHelpers): Promise<void> {
  await db.schema
    .createTable('installations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().unique())
    .addColumn('portal_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('thena_installation_id', 'text')
    .addColumn('thena_bot_id', 'text')
    .addColumn('hubspot_scopes', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('installations_portal').on('installations').column('portal_id').execute();

  await db.schema
    .createTable('credentials')
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('refresh_lease_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('credentials_pk', ['installation_id', 'kind'])
    .execute();

  await db.schema
    .createTable('sync_configs')
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_configs_pk', ['installation_id', 'object_type', 'version'])
    .execute();

  await db.schema
    .createTable('record_links')
    .addColumn('id', col.autoIncrement, (c) => col.autoIncrementKey(c))
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('hubspot_id', 'text', (c) => c.notNull())
    .addColumn('thena_id', 'text', (c) => c.notNull())
    .addColumn('synced_values', 'text')
    .addColumn('hubspot_fingerprint', 'text')
    .addColumn('thena_fingerprint', 'text')
    .addColumn('hubspot_modified_at', 'bigint')
    .addColumn('thena_modified_at', 'bigint')
    .addColumn('hubspot_deleted_at', 'bigint')
    .addColumn('thena_deleted_at', 'bigint')
    .addColumn('pending_values', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('record_links_hubspot', ['installation_id', 'object_type', 'hubspot_id'])
    .addUniqueConstraint('record_links_thena', ['installation_id', 'object_type', 'thena_id'])
    .execute();

  await db.schema
    .createTable('custom_field_map')
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('hubspot_property', 'text', (c) => c.notNull())
    .addColumn('thena_field_id', 'text', (c) => c.notNull())
    .addColumn('thena_field_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('custom_field_map_pk', ['installation_id', 'object_type', 'hubspot_property'])
    .execute();

  await db.schema
    .createTable('checkpoints')
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkpoints_pk', ['installation_id', 'stream'])
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('total_estimate', 'bigint')
    .addColumn('seen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sync_runs_recent')
    .on('sync_runs')
    .columns(['installation_id', 'object_type', 'created_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', col.autoIncrement, (c) => col.autoIncrementKey(c))
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('run_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('hubspot_id', 'text')
    .addColumn('thena_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('message', 'text')
    .addColumn('details', 'text')
    .addColumn('duration_ms', 'integer')
    .execute();
  await db.schema.createIndex('audit_log_scope').on('audit_log').columns(['installation_id', 'id']).execute();
  await db.schema
    .createIndex('audit_log_status')
    .on('audit_log')
    .columns(['installation_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('id', col.autoIncrement, (c) => col.autoIncrementKey(c))
    .addColumn('installation_id', 'text', (c) =>
      c.notNull().references('installations.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('object_type', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('webhook_inbox_pending')
    .on('webhook_inbox')
    .columns(['installation_id', 'source', 'processed_at', 'id'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', col.autoIncrement, (c) => col.autoIncrementKey(c))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('serial_key', 'text')
    .addColumn('installation_id', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // At most one pending job per dedupe key: later enqueues coalesce into it.
  await db.schema
    .createIndex('jobs_dedupe_pending')
    .unique()
    .on('jobs')
    .column('dedupe_key')
    .where(sql.ref('state'), '=', 'pending')
    .execute();
  await db.schema.createIndex('jobs_ready').on('jobs').columns(['state', 'run_at', 'priority']).execute();
  await db.schema.createIndex('jobs_serial').on('jobs').columns(['serial_key', 'state', 'id']).execute();
  await db.schema.createIndex('jobs_installation').on('jobs').columns(['installation_id', 'state']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('every_ms', 'bigint', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint', (c) => c.notNull())
    .addColumn('installation_id', 'text')
    .addColumn('serial_key', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // Request pacing shared by every process: one theoretical-arrival time per budget key.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // OAuth `state` values: single use and short-lived; only their hash is kept.
  await db.schema
    .createTable('oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // API tokens scoped to one organization; only their hash is kept.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
}
