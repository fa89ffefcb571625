// The store's contract, the same tests on every dialect.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { Installation } from '../../src/sync/model.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/db.ts';

describe.each(DIALECTS)('store on %s', (dialect) => {
  let t: TestDatabase;
  let a: Installation;
  let b: Installation;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    a = await t.store.installations.recordThenaInstall({
      orgId: 'org-a',
      thenaInstallationId: 'i-a',
      thenaBotId: 'bot-a',
    });
    b = await t.store.installations.recordThenaInstall({
      orgId: 'org-b',
      thenaInstallationId: 'i-b',
      thenaBotId: 'bot-b',
    });
  });
  afterAll(async () => t.close());

  it('runs migrations once: a second run applies nothing', async () => {
    expect(await migrateToLatest(t.connection)).toEqual([]);
  });

  describe('installations', () => {
    it('starts pending, connects to a portal, and is found by portal', async () => {
      expect(a.status).toBe('pending');
      await t.store.installations.connectHubSpot(a.id, '777', ['crm.objects.contacts.read', 'oauth']);
      const connected = await t.store.installations.getByOrg('org-a');
      expect(connected).toMatchObject({
        status: 'connected',
        portalId: '777',
        hubspotScopes: ['crm.objects.contacts.read', 'oauth'],
      });
      expect((await t.store.installations.listByPortal('777')).map((i) => i.orgId)).toEqual(['org-a']);
      expect(await t.store.installations.listByPortal('778')).toEqual([]);
    });

    it('keeps the same installation (and so its data) when Thena reinstalls the app', async () => {
      const again = await t.store.installations.recordThenaInstall({
        orgId: 'org-a',
        thenaInstallationId: 'i-a2',
        thenaBotId: 'bot-a2',
      });
      expect(again.id).toBe(a.id);
      expect(again).toMatchObject({ thenaInstallationId: 'i-a2', thenaBotId: 'bot-a2', status: 'connected' });
    });

    it('records a status and its reason; an uninstalled org comes back pending', async () => {
      const c = await t.store.installations.recordThenaInstall({
        orgId: 'org-c',
        thenaInstallationId: null,
        thenaBotId: null,
      });
      await t.store.installations.setStatus(c.id, 'needs_reconnect', 'refresh token revoked');
      expect(await t.store.installations.getById(c.id)).toMatchObject({
        status: 'needs_reconnect',
        statusReason: 'refresh token revoked',
      });
      await t.store.installations.setStatus(c.id, 'uninstalled');
      const back = await t.store.installations.recordThenaInstall({
        orgId: 'org-c',
        thenaInstallationId: 'x',
        thenaBotId: 'y',
      });
      expect(back.status).toBe('pending');
    });
  });

  describe('credentials', () => {
    const secret = { accessToken: 'at-SECRET-0123456789', refreshToken: 'rt-SECRET-9876543210' };

    it('reads back what was written, and bumps the version on every write', async () => {
      await t.store.credentials.put(a.id, 'hubspot', secret, 1000);
      const first = await t.store.credentials.get<typeof secret>(a.id, 'hubspot');
      expect(first).toEqual({ secret, expiresAt: 1000, version: 1 });
      await t.store.credentials.put(a.id, 'hubspot', { ...secret, accessToken: 'at-2' }, 2000);
      const second = await t.store.credentials.get<typeof secret>(a.id, 'hubspot');
      expect(second).toMatchObject({ expiresAt: 2000, version: 2, secret: { accessToken: 'at-2' } });
      expect(await t.store.credentials.get(b.id, 'hubspot')).toBeUndefined();
    });

    it('never stores a token as plain text', async () => {
      await t.store.credentials.put(b.id, 'thena', { botToken: 'pk_live_PLAINTEXT_CANARY' }, null);
      const rows = await t.connection.db.selectFrom('credentials').select('sealed').execute();
      for (const row of rows) expect(row.sealed).not.toContain('CANARY');
      if (dialect === 'sqlite' && t.target.kind === 'sqlite') {
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.connection.db);
        expect(readFileSync(t.target.path).includes('PLAINTEXT_CANARY')).toBe(false);
      }
      expect((await t.store.credentials.get<{ botToken: string }>(b.id, 'thena'))?.secret.botToken).toBe(
        'pk_live_PLAINTEXT_CANARY',
      );
    });

    it('refuses a sealed value moved to another installation', async () => {
      const row = await t.connection.db
        .selectFrom('credentials')
        .select('sealed')
        .where('installation_id', '=', a.id)
        .where('kind', '=', 'hubspot')
        .executeTakeFirstOrThrow();
      await t.connection.db
        .updateTable('credentials')
        .set({ sealed: row.sealed })
        .where('installation_id', '=', b.id)
        .where('kind', '=', 'thena')
        .execute();
      await expect(t.store.credentials.get(b.id, 'thena')).rejects.toThrow();
    });

    it('lets one caller at a time refresh, until the lease ends or is released', async () => {
      expect(await t.store.credentials.tryLeaseRefresh(a.id, 'hubspot', 10_000)).toBe(true);
      expect(await t.store.credentials.tryLeaseRefresh(a.id, 'hubspot', 10_000)).toBe(false);
      t.clock.advance(10_001);
      expect(await t.store.credentials.tryLeaseRefresh(a.id, 'hubspot', 10_000)).toBe(true);
      await t.store.credentials.releaseRefreshLease(a.id, 'hubspot');
      expect(await t.store.credentials.tryLeaseRefresh(a.id, 'hubspot', 10_000)).toBe(true);
      await t.store.credentials.put(a.id, 'hubspot', secret, 3000); // a write ends the lease
      expect(await t.store.credentials.tryLeaseRefresh(a.id, 'hubspot', 10_000)).toBe(true);
    });
  });

  describe('sync configuration', () => {
    it('saves versions and refuses an edit of a stale version', async () => {
      expect(await t.store.configs.current(a.id, 'contacts')).toBeUndefined();
      const v1 = await t.store.configs.save(a.id, 'contacts', {
        enabled: true,
        settings: { fields: ['email'] },
      });
      const v2 = await t.store.configs.save(
        a.id,
        'contacts',
        { enabled: false, settings: { fields: ['email', 'x'] } },
        1,
      );
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect(await t.store.configs.current(a.id, 'contacts')).toMatchObject({
        version: 2,
        enabled: false,
        settings: { fields: ['email', 'x'] },
      });
      await expect(
        t.store.configs.save(a.id, 'contacts', { enabled: true, settings: {} }, 1),
      ).rejects.toMatchObject({
        code: 'config_version_conflict',
      });
      expect(await t.store.configs.versions(a.id, 'contacts')).toEqual([1, 2]);
      expect(await t.store.configs.current(b.id, 'contacts')).toBeUndefined();
    });
  });

  describe('record links', () => {
    const link = (hubspotId: string, thenaId: string) => ({
      objectType: 'contacts' as const,
      hubspotId,
      thenaId,
      syncedValues: { email: `${hubspotId}@x.io` },
      hubspotFingerprint: `h-${hubspotId}`,
      thenaFingerprint: `t-${thenaId}`,
      hubspotModifiedAt: 10,
      thenaModifiedAt: 20,
      hubspotDeletedAt: null,
    });

    it('finds links from either side, scoped to the installation', async () => {
      await t.store.links.upsert(a.id, link('1', 'T1'));
      await t.store.links.upsert(a.id, link('2', 'T2'));
      await t.store.links.upsert(b.id, link('1', 'OTHER'));
      const byHubSpot = await t.store.links.byHubSpotIds(a.id, 'contacts', ['1', '2', '3']);
      expect([...byHubSpot.keys()].sort()).toEqual(['1', '2']);
      expect(byHubSpot.get('1')).toMatchObject({
        thenaId: 'T1',
        syncedValues: { email: '1@x.io' },
        hubspotFingerprint: 'h-1',
      });
      expect((await t.store.links.byThenaIds(a.id, 'contacts', ['T2'])).get('T2')?.hubspotId).toBe('2');
      expect((await t.store.links.byThenaIds(a.id, 'contacts', ['OTHER'])).size).toBe(0);
      expect(await t.store.links.byHubSpotIds(a.id, 'companies', ['1'])).toEqual(new Map());
    });

    it('updates a link in place and re-keys it after a merge', async () => {
      await t.store.links.upsert(a.id, { ...link('1', 'T1'), hubspotFingerprint: 'new' });
      expect((await t.store.links.byHubSpotIds(a.id, 'contacts', ['1'])).get('1')?.hubspotFingerprint).toBe(
        'new',
      );
      await t.store.links.rekeyHubSpot(a.id, 'contacts', '1', '100');
      const moved = await t.store.links.byHubSpotIds(a.id, 'contacts', ['1', '100']);
      expect([...moved.keys()]).toEqual(['100']);
      expect(moved.get('100')?.thenaId).toBe('T1');
    });

    it('never links one Thena record twice within an installation', async () => {
      await expect(t.store.links.upsert(a.id, link('9', 'T2'))).rejects.toThrow();
    });

    it('counts live links, not those whose HubSpot record was deleted', async () => {
      expect(await t.store.links.count(a.id, 'contacts')).toBe(2);
      await t.store.links.markHubSpotDeleted(a.id, 'contacts', '2', 99);
      expect(await t.store.links.count(a.id, 'contacts')).toBe(1);
      await t.store.links.deleteByHubSpotId(a.id, 'contacts', '100');
      expect(await t.store.links.count(a.id, 'contacts')).toBe(0);
      expect(await t.store.links.count(b.id, 'contacts')).toBe(1);
    });

    it('looks up more ids than one query can carry', async () => {
      const ids = Array.from({ length: 1200 }, (_, i) => `bulk-${i}`);
      for (const id of ids.slice(0, 3)) await t.store.links.upsert(a.id, link(id, `T-${id}`));
      expect((await t.store.links.byHubSpotIds(a.id, 'contacts', ids)).size).toBe(3);
    });

    it('records pending writes per record, for more records than one statement takes', async () => {
      const ids = Array.from({ length: 130 }, (_, i) => `p-${i}`);
      await t.store.links.upsertMany(
        a.id,
        ids.map((id) => link(id, `T-${id}`)),
      );
      await t.store.links.upsertMany(b.id, [link('p-0', 'T-b-p-0')]);
      const pending = (id: string) => ({ hubspot: { lastname: `h-${id}` }, thena: { lastName: `t-${id}` } });
      // Every record but the last gets an intent; other installations are untouched.
      await t.store.links.recordPending(
        a.id,
        'contacts',
        ids.slice(0, -1).map((hubspotId) => ({ hubspotId, pending: pending(hubspotId) })),
      );
      const read = await t.store.links.byHubSpotIds(a.id, 'contacts', ids);
      for (const id of ids.slice(0, -1)) expect(read.get(id)?.pendingValues).toEqual(pending(id));
      expect(read.get(ids.at(-1)!)?.pendingValues).toBeNull();
      expect(
        (await t.store.links.byHubSpotIds(b.id, 'contacts', ['p-0'])).get('p-0')?.pendingValues,
      ).toBeNull();
      // The next write of a link clears its intent.
      await t.store.links.upsertMany(a.id, [link('p-1', 'T-p-1')]);
      const after = await t.store.links.byHubSpotIds(a.id, 'contacts', ['p-1', 'p-2']);
      expect(after.get('p-1')?.pendingValues).toBeNull();
      expect(after.get('p-2')?.pendingValues).toEqual(pending('p-2'));
    });
  });

  describe('custom field map and checkpoints', () => {
    it('remembers which Thena field holds each property', async () => {
      await t.store.customFields.put(a.id, 'companies', {
        hubspotProperty: 'tier',
        thenaFieldId: 'F1',
        thenaFieldType: 'single_choice',
      });
      await t.store.customFields.put(a.id, 'companies', {
        hubspotProperty: 'tier',
        thenaFieldId: 'F2',
        thenaFieldType: 'single_choice',
      });
      expect(await t.store.customFields.list(a.id, 'companies')).toEqual([
        { hubspotProperty: 'tier', thenaFieldId: 'F2', thenaFieldType: 'single_choice' },
      ]);
      expect(await t.store.customFields.list(b.id, 'companies')).toEqual([]);
    });

    it('keeps one checkpoint per stream', async () => {
      expect(await t.store.checkpoints.get(a.id, 'backfill:contacts')).toBeUndefined();
      await t.store.checkpoints.put(a.id, 'backfill:contacts', { after: '100' });
      await t.store.checkpoints.put(a.id, 'backfill:contacts', { after: '200' });
      expect(await t.store.checkpoints.get(a.id, 'backfill:contacts')).toEqual({ after: '200' });
      expect(await t.store.checkpoints.get(b.id, 'backfill:contacts')).toBeUndefined();
      await t.store.checkpoints.delete(a.id, 'backfill:contacts');
      expect(await t.store.checkpoints.get(a.id, 'backfill:contacts')).toBeUndefined();
    });
  });

  describe('sync runs', () => {
    it('counts concurrent progress reports exactly', async () => {
      const run = await t.store.runs.create({
        installationId: a.id,
        objectType: 'contacts',
        direction: 'hubspot_to_thena',
        trigger: 'manual',
      });
      await t.store.runs.markRunning(run.id);
      await Promise.all(
        Array.from({ length: 20 }, () => t.store.runs.addCounts(run.id, { seen: 5, created: 2, failed: 1 })),
      );
      await t.store.runs.setEstimate(run.id, 100);
      const mid = await t.store.runs.get(a.id, run.id);
      expect(mid).toMatchObject({
        state: 'running',
        seen: 100,
        created: 40,
        failed: 20,
        updated: 0,
        totalEstimate: 100,
      });
      expect(await t.store.runs.get(b.id, run.id)).toBeUndefined();
      await t.store.runs.finish(run.id, 'succeeded');
      await t.store.runs.finish(run.id, 'failed', 'too late'); // a finished run stays finished
      expect(await t.store.runs.get(a.id, run.id)).toMatchObject({ state: 'succeeded', error: null });
    });

    it('lists recent runs newest first and cancels the active ones', async () => {
      const older = await t.store.runs.create({
        installationId: b.id,
        objectType: 'companies',
        direction: 'hubspot_to_thena',
        trigger: 'install',
      });
      t.clock.advance(1000);
      const newer = await t.store.runs.create({
        installationId: b.id,
        objectType: 'companies',
        direction: 'hubspot_to_thena',
        trigger: 'manual',
      });
      expect((await t.store.runs.recent(b.id, 'companies', 10)).map((r) => r.id)).toEqual([
        newer.id,
        older.id,
      ]);
      expect((await t.store.runs.active(b.id, 'companies', 'hubspot_to_thena')).length).toBe(2);
      expect(await t.store.runs.cancelActive(b.id, 'uninstalled')).toBe(2);
      expect(await t.store.runs.active(b.id, 'companies', 'hubspot_to_thena')).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('filters, pages newest first, and stays within its installation', async () => {
      const entry = (hubspotId: string, status: 'SUCCESS' | 'FAILED' | 'SKIPPED') => ({
        runId: null,
        direction: 'hubspot_to_thena' as const,
        objectType: 'contacts' as const,
        hubspotId,
        thenaId: null,
        action: 'create',
        status,
        ...(status === 'FAILED'
          ? { errorCode: 'thena_validation', message: 'bad email', details: { field: 'email' } }
          : {}),
      });
      await t.store.audit.append(a.id, [
        entry('1', 'SUCCESS'),
        entry('2', 'FAILED'),
        entry('3', 'SKIPPED'),
        entry('4', 'FAILED'),
      ]);
      await t.store.audit.append(b.id, [entry('1', 'FAILED')]);
      const failed = await t.store.audit.list(a.id, { status: 'FAILED', limit: 10 });
      expect(failed.map((e) => e.hubspotId)).toEqual(['4', '2']);
      expect(failed[1]).toMatchObject({
        errorCode: 'thena_validation',
        message: 'bad email',
        details: { field: 'email' },
      });
      const page1 = await t.store.audit.list(a.id, { limit: 2 });
      const page2 = await t.store.audit.list(a.id, { limit: 2, before: page1[1]!.id });
      expect([...page1, ...page2].map((e) => e.hubspotId)).toEqual(['4', '3', '2', '1']);
      expect(await t.store.audit.get(b.id, failed[0]!.id)).toBeUndefined();
      expect(await t.store.audit.list(a.id, { objectType: 'companies', limit: 10 })).toEqual([]);
    });

    it('knows which records still fail: a later success clears a failure', async () => {
      const base = {
        runId: null,
        direction: 'hubspot_to_thena' as const,
        objectType: 'companies' as const,
        thenaId: null,
        action: 'update',
      };
      await t.store.audit.append(a.id, [
        { ...base, hubspotId: 'c1', status: 'FAILED' },
        { ...base, hubspotId: 'c2', status: 'FAILED' },
        { ...base, hubspotId: 'c1', status: 'SUCCESS' },
        { ...base, hubspotId: 'c2', status: 'FAILED' },
      ]);
      expect(await t.store.audit.failedRecordIds(a.id, 'companies', 'hubspot_to_thena', 10)).toEqual(['c2']);
    });

    it('prunes entries older than the retention', async () => {
      const before = (await t.store.audit.list(a.id, { limit: 100 })).length;
      t.clock.advance(60_000);
      const cutoff = t.clock.now();
      await t.store.audit.append(a.id, [
        {
          runId: null,
          direction: 'thena_to_hubspot',
          objectType: 'contacts',
          hubspotId: null,
          thenaId: 'T',
          action: 'update',
          status: 'SUCCESS',
        },
      ]);
      expect(await t.store.audit.prune(cutoff)).toBeGreaterThanOrEqual(before);
      expect((await t.store.audit.list(a.id, { limit: 100 })).map((e) => e.thenaId)).toEqual(['T']);
    });
  });

  describe('webhook inbox', () => {
    it('drops duplicates and hands out pending items in arrival order', async () => {
      const item = (key: string) => ({
        installationId: a.id,
        source: 'hubspot' as const,
        dedupeKey: key,
        objectType: 'contacts' as const,
        payload: { key },
      });
      expect((await t.store.inbox.add([item('e1'), item('e2'), item('e1')])).map((i) => i.dedupeKey)).toEqual(
        ['e1', 'e2'],
      );
      expect(await t.store.inbox.add([item('e2')])).toEqual([]);
      const pending = await t.store.inbox.pending(a.id, 'hubspot', 'contacts', 10);
      expect(pending.map((p) => p.payload)).toEqual([{ key: 'e1' }, { key: 'e2' }]);
      expect(await t.store.inbox.pending(b.id, 'hubspot', null, 10)).toEqual([]);
      await t.store.inbox.markProcessed([pending[0]!.id]);
      expect(await t.store.inbox.countPending(a.id, 'hubspot')).toBe(1);
      t.clock.advance(1000);
      expect(await t.store.inbox.prune(t.clock.now())).toBe(1);
      expect(await t.store.inbox.add([item('e1')])).toHaveLength(1); // forgotten after the window
    });
  });

  describe('rate limits', () => {
    it('hands out evenly spaced slots, also to concurrent callers', async () => {
      const now = t.clock.now();
      const starts = await Promise.all(
        Array.from({ length: 5 }, () => t.store.rateLimits.reserve('portal:1', 100)),
      );
      expect(starts.sort((x, y) => x - y)).toEqual([now, now + 100, now + 200, now + 300, now + 400]);
      t.clock.advance(10_000); // an idle budget does not bank slots
      expect(await t.store.rateLimits.reserve('portal:1', 100)).toBe(t.clock.now());
      expect(await t.store.rateLimits.reserve('portal:2', 100)).toBe(t.clock.now());
    });

    it('holds later requests after the remote side asked to slow down', async () => {
      const until = t.clock.now() + 5_000;
      await t.store.rateLimits.holdUntil('portal:3', until);
      await t.store.rateLimits.holdUntil('portal:3', until - 1_000); // never moves back
      expect(await t.store.rateLimits.reserve('portal:3', 100)).toBe(until);
    });
  });

  describe('transactions', () => {
    it('commits all or nothing', async () => {
      await expect(
        t.store.transaction(async (tx) => {
          await tx.checkpoints.put(a.id, 'tx-test', { n: 1 });
          await tx.links.upsert(a.id, {
            objectType: 'companies',
            hubspotId: 'tx',
            thenaId: 'tx',
            syncedValues: null,
            hubspotFingerprint: null,
            thenaFingerprint: null,
            hubspotModifiedAt: null,
            thenaModifiedAt: null,
            hubspotDeletedAt: null,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await t.store.checkpoints.get(a.id, 'tx-test')).toBeUndefined();
      expect((await t.store.links.byHubSpotIds(a.id, 'companies', ['tx'])).size).toBe(0);
      await t.store.transaction(async (tx) => tx.checkpoints.put(a.id, 'tx-test', { n: 2 }));
      expect(await t.store.checkpoints.get(a.id, 'tx-test')).toEqual({ n: 2 });
    });
  });
});
