// The store methods the API added: token rows, the failed-record count, the last full run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenService, hashToken } from '../../src/sync/app/api-tokens.ts';
import type { AuditEntryInput } from '../../src/sync/model.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/db.ts';

describe.each(DIALECTS)('API store on %s', (dialect) => {
  let db: TestDatabase;
  let installationId: string;

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    const installation = await db.store.installations.recordThenaInstall({
      orgId: 'org-store',
      thenaInstallationId: null,
      thenaBotId: null,
    });
    installationId = installation.id;
  });
  afterAll(async () => db?.close());

  it('creates, finds by hash, lists, touches and revokes tokens', async () => {
    const tokens = new ApiTokenService(db.store.apiTokens, db.clock);
    const a = await tokens.create('org-a', 'laptop');
    const b = await tokens.create('org-a', null);
    await tokens.create('org-b', null);
    expect(a.secret).toMatch(/^thena_hs_[A-Za-z0-9_-]{43}$/);
    expect(await db.store.apiTokens.findByHash(hashToken(a.secret))).toEqual(a.token);
    expect((await tokens.list('org-a')).map((t) => t.id).sort()).toEqual([a.token.id, b.token.id].sort());

    expect(await tokens.verify(a.secret)).toMatchObject({ id: a.token.id, orgId: 'org-a' });
    const used = await db.store.apiTokens.get(a.token.id);
    expect(used?.lastUsedAt).toBe(db.clock.now());
    // Within a minute, using it again writes nothing.
    db.clock.advance(30_000);
    await tokens.verify(a.secret);
    expect((await db.store.apiTokens.get(a.token.id))?.lastUsedAt).toBe(used?.lastUsedAt);

    const revoked = await tokens.revoke(a.token.id);
    expect(revoked.revokedAt).toBe(db.clock.now());
    expect(await tokens.verify(a.secret)).toBeUndefined();
    expect(await db.store.apiTokens.revoke(a.token.id, db.clock.now())).toBe(false);
    expect(await tokens.verify(`${a.secret}x`)).toBeUndefined();
    expect(await tokens.verify('not-ours')).toBeUndefined();
    await expect(tokens.revoke('no-such-id')).rejects.toMatchObject({ code: 'token_not_found' });
  });

  it('counts the records whose latest entry failed, per object, in both directions', async () => {
    const entry = (
      direction: AuditEntryInput['direction'],
      id: string,
      status: AuditEntryInput['status'],
      objectType: AuditEntryInput['objectType'] = 'contacts',
    ): AuditEntryInput => ({
      runId: null,
      direction,
      objectType,
      hubspotId: direction === 'hubspot_to_thena' ? id : null,
      thenaId: direction === 'thena_to_hubspot' ? id : null,
      action: 'update',
      status,
    });
    await db.store.audit.append(installationId, [
      entry('hubspot_to_thena', '1', 'FAILED'),
      entry('hubspot_to_thena', '1', 'SUCCESS'),
      entry('hubspot_to_thena', '2', 'SUCCESS'),
      entry('hubspot_to_thena', '2', 'FAILED'),
      entry('hubspot_to_thena', '3', 'FAILED'),
      entry('hubspot_to_thena', '3', 'FAILED'),
      entry('hubspot_to_thena', '4', 'FAILED'),
      entry('hubspot_to_thena', '4', 'SKIPPED'),
      entry('thena_to_hubspot', 't1', 'FAILED'),
      entry('hubspot_to_thena', '9', 'FAILED', 'companies'),
      { ...entry('hubspot_to_thena', 'x', 'FAILED'), hubspotId: null, action: 'connection' },
    ]);
    expect(await db.store.audit.countFailedRecords(installationId, 'contacts')).toBe(3);
    expect(await db.store.audit.countFailedRecords(installationId, 'companies')).toBe(1);
    expect(await db.store.audit.countFailedRecords('other-installation', 'contacts')).toBe(0);
  });

  it('finds the last succeeded run among the given triggers', async () => {
    const { runs } = db.store;
    const create = (trigger: 'install' | 'schedule' | 'manual') =>
      runs.create({ installationId, objectType: 'contacts', direction: 'hubspot_to_thena', trigger });
    const install = await create('install');
    await runs.addCounts(install.id, { excluded: 7 });
    await runs.finish(install.id, 'succeeded');
    db.clock.advance(1_000);
    const scheduled = await create('schedule');
    await runs.finish(scheduled.id, 'succeeded');
    db.clock.advance(1_000);
    const failed = await create('manual');
    await runs.finish(failed.id, 'failed', 'HubSpot refused');
    db.clock.advance(1_000);
    await create('manual');
    const last = await runs.lastSucceeded(installationId, 'contacts', 'hubspot_to_thena', [
      'install',
      'manual',
    ]);
    expect(last).toMatchObject({ id: install.id, excluded: 7, state: 'succeeded' });
    expect(
      await runs.lastSucceeded(installationId, 'companies', 'hubspot_to_thena', ['install']),
    ).toBeUndefined();
  });
});
