// The service process and its database failing under the sync: the process killed with SIGKILL in
// the middle of a backfill and again in the middle of a webhook batch (restarted each time, with
// changes made on both sides while it is down), and, on PostgreSQL, the server dropping every
// connection of the service while it syncs ("restarted": other suites share the server, so only
// this service's backends are terminated). The process keeps running; nothing is lost or doubled.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, postgresUrl } from '../helpers/db.ts';
import { settle, waitFor } from '../helpers/settle.ts';
import { expectConsistent } from './consistency.ts';
import { Changes } from './scenario.ts';
import { startService, type ServiceUnderTest } from './service.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DIALECTS)('the service process on %s', (dialect) => {
  let service: ServiceUnderTest | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  const contactsRun = async (s: ServiceUnderTest) =>
    (await s.observer.store.runs.recent(s.scenario.installationId, 'contacts', 1))[0];

  it('loses nothing when killed with SIGKILL mid-backfill and mid-webhook-batch', async () => {
    service = await startService({ dialect, seed: { contacts: 400, companies: 15 } });
    const s = service;
    const { observer, scenario } = s;

    // 1. Killed in the middle of the backfill.
    await waitFor(async () => ((await contactsRun(s))?.seen ?? 0) >= 100, 60_000, 'backfill under way');
    await s.kill();
    expect((await contactsRun(s))!.seen).toBeLessThan(400);
    await s.start();
    await waitFor(async () => (await contactsRun(s))?.state === 'succeeded', 90_000, 'backfill done');
    await settle(s.stack, 60_000);

    // 2. Killed in the middle of a webhook batch, with changes made on both sides meanwhile.
    const changes = await new Changes(scenario, 51, { distinct: true }).prepare();
    for (let i = 0; i < 120; i++) changes.hubspotEdit();
    for (let i = 0; i < 10; i++) changes.thenaEdit();
    const activeBatch = () =>
      observer.store.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', 'hubspot-webhooks')
        .where('state', '=', 'active')
        .executeTakeFirst();
    await waitFor(async () => (await activeBatch()) !== undefined, 20_000, 'a webhook batch running');
    await s.kill();
    expect(await observer.store.inbox.countPending(scenario.installationId, 'hubspot')).toBeGreaterThan(0);
    changes.many(20); // made while the service is down: deliveries fail and are retried
    await sleep(500);
    await s.start();
    await settle(s.stack, 90_000);
    const report = await expectConsistent(s.stack, scenario);
    expect(report.contacts).toBeGreaterThan(380);
    expect(await changes.expectLanded()).toBeGreaterThan(50);
  }, 240_000);

  if (dialect === 'postgres') {
    it('keeps running and loses nothing when PostgreSQL drops every connection mid-sync', async () => {
      const tag = `th_faults_${process.pid}_${Date.now()}`;
      service = await startService({
        dialect,
        seed: { contacts: 300, companies: 12 },
        databaseParams: { application_name: tag },
      });
      const s = service;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      const terminate = async (): Promise<number> => {
        const { rows } = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
          [tag],
        );
        return rows.length;
      };
      try {
        // Dropped during the backfill, then repeatedly while users change things on both sides.
        let dropped = 0;
        await waitFor(async () => ((await contactsRun(s))?.seen ?? 0) > 40, 60_000, 'backfill under way');
        for (let i = 0; i < 4; i++) {
          dropped += await terminate();
          await sleep(120);
        }
        await waitFor(
          async () => {
            if (s.child.exitCode !== null || s.child.signalCode !== null)
              throw new Error(`the service died (${s.child.exitCode ?? s.child.signalCode}):\n${s.stderr()}`);
            return (await contactsRun(s))?.state === 'succeeded';
          },
          90_000,
          'backfill done',
        );
        await settle(s.stack, 60_000);
        const changes = await new Changes(s.scenario, 52, { distinct: true }).prepare();
        for (let round = 0; round < 6; round++) {
          changes.many(8);
          await sleep(80);
          dropped += await terminate();
        }
        expect(dropped).toBeGreaterThan(4);
        await settle(s.stack, 90_000);
        expect(s.child.exitCode, `the service exited:\n${s.stderr()}`).toBeNull();
        expect(s.child.signalCode).toBeNull();
        expect((await fetch(`${s.stack.url}/readyz`)).status).toBe(200);
        const report = await expectConsistent(s.stack, s.scenario);
        expect(report.contacts).toBeGreaterThan(290);
        await changes.expectLanded();
      } finally {
        await admin.end();
      }
    }, 240_000);
  }
});
