// GET audit (pages, filters, CSV) and POST audit/{id}/retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../../src/contracts/api.ts';
import type { AuditEntryInput } from '../../src/sync/model.ts';
import { DIALECTS } from '../helpers/db.ts';
import { failure, startApiStack, waitForIdle, type ApiStack } from './helpers.ts';

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe.each(DIALECTS)('audit API on %s', (dialect) => {
  let api: ApiStack;
  let base: string;
  let tricky: AuditEntry;
  let withoutRecord: AuditEntry;
  let fromThena: AuditEntry;

  const page = async (query: string, token?: string): Promise<AuditPage> => {
    const response = await api.call('GET', `${base}?${query}`, token === undefined ? {} : { token });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: 12, companies: 3 });
    base = `/api/v1/orgs/${api.orgId}/audit`;
    const entry = (input: Partial<AuditEntryInput>): AuditEntryInput => ({
      runId: null,
      direction: 'hubspot_to_thena',
      objectType: 'contacts',
      hubspotId: null,
      thenaId: null,
      action: 'update',
      status: 'FAILED',
      ...input,
    });
    await api.stack.runtime.store.audit.append(api.installationId, [
      entry({
        hubspotId: '101',
        errorCode: 'invalid_value',
        message: '=HYPERLINK("x"), "quoted"\nsecond line',
        details: { field: 'phone' },
      }),
      entry({ action: 'connection', message: 'no record here' }),
      entry({
        direction: 'thena_to_hubspot',
        thenaId: 'thena-77',
        objectType: 'companies',
        message: 'HubSpot refused',
      }),
    ]);
    const newest = (await page('limit=3')).entries;
    [fromThena, withoutRecord, tricky] = newest as [AuditEntry, AuditEntry, AuditEntry];
  }, 120_000);
  afterAll(async () => api?.close());

  it('pages newest first, following nextCursor to the end', async () => {
    const all = await api.stack.runtime.store.audit.list(api.installationId, { limit: 10_000 });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const next: AuditPage = await page(`limit=7${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(next.entries.length).toBeLessThanOrEqual(7);
      seen.push(...next.entries.map((e) => e.id));
      cursor = next.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.map((e) => e.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('filters by status, object, direction and time', async () => {
    const failed = await page('status=FAILED&limit=100');
    expect(failed.entries.map((e) => e.id)).toEqual([fromThena.id, withoutRecord.id, tricky.id]);
    const toHubSpot = await page('direction=thena_to_hubspot&object=companies');
    expect(toHubSpot.entries.map((e) => e.id)).toEqual([fromThena.id]);
    expect(toHubSpot.nextCursor).toBeNull();
    const future = await page(`since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.entries).toEqual([]);
    expect(tricky).toMatchObject({
      object: 'contacts',
      hubspotId: '101',
      errorCode: 'invalid_value',
      details: { field: 'phone' },
    });
  });

  it('refuses malformed queries with the parameter named', async () => {
    for (const query of [
      'status=BROKEN',
      'limit=0',
      'limit=501',
      'cursor=abc',
      'since=yesterday',
      'format=xml',
    ]) {
      const response = await api.call('GET', `${base}?${query}`);
      expect(failure(response)).toEqual([400, 'invalid_request']);
      const [name] = query.split('=');
      expect(response.body).toContain(`querystring/${name}`);
    }
  });

  it('exports every matching entry as CSV, escaped and safe for spreadsheets', async () => {
    const response = await api.call('GET', `${base}?format=csv&status=FAILED`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="hubspot-audit-[A-Za-z0-9._-]+-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual([
      'id',
      'at',
      'object',
      'direction',
      'status',
      'action',
      'hubspot_id',
      'thena_id',
      'run_id',
      'error_code',
      'message',
      'duration_ms',
      'details',
    ]);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([fromThena.id, withoutRecord.id, tricky.id]);
    const trickyRow = rows.find((r) => Number(r[0]) === tricky.id)!;
    expect(trickyRow[10]).toBe('\'=HYPERLINK("x"), "quoted"\nsecond line');
    expect(JSON.parse(trickyRow[12]!)).toEqual({ field: 'phone' });
  });

  it('exports a log longer than one export page, in order', async () => {
    const many = Array.from({ length: 1_203 }, (_, i) => ({
      runId: null,
      direction: 'hubspot_to_thena' as const,
      objectType: 'companies' as const,
      hubspotId: `bulk-${i}`,
      thenaId: null,
      action: 'create',
      status: 'SKIPPED' as const,
    }));
    await api.stack.runtime.store.audit.append(api.installationId, many);
    const response = await api.call('GET', `${base}?format=csv&status=SKIPPED&object=companies`);
    const rows = parseCsv(response.body).slice(1);
    expect(rows).toHaveLength(1_203);
    expect(rows[0]?.[6]).toBe('bulk-1202');
    expect(rows.at(-1)?.[6]).toBe('bulk-0');
  });

  it("answers an org token's own audit only", async () => {
    expect((await page('limit=1', api.orgToken)).entries).toHaveLength(1);
    expect(failure(await api.call('GET', `${base}?format=csv`, { token: api.pendingOrgToken }))).toEqual([
      403,
      'forbidden',
    ]);
  });

  it('queues a retry of a HubSpot record once, however often it is pressed, and the job runs', async () => {
    await api.stack.worker.stop();
    const first = await api.call('POST', `${base}/${tricky.id}/retry`);
    expect(first.statusCode).toBe(202);
    const started = first.json<{ queued: boolean; message: string }>();
    expect(started.queued).toBe(true);
    expect(started.message).toContain('101');
    expect((await api.call('POST', `${base}/${tricky.id}/retry`)).statusCode).toBe(202);
    const jobs = await api.stack.runtime.store.db
      .selectFrom('jobs')
      .select(['kind', 'payload', 'serial_key'])
      .where('kind', '=', 'retry-records')
      .execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({
      installationId: api.installationId,
      objectType: 'contacts',
      hubspotIds: ['101'],
    });
    expect(jobs[0]!.serial_key).toBe(`sync:${api.installationId}:contacts`);
    api.stack.worker.start();
    await waitForIdle(api.stack, api.installationId);
    const ran = await api.stack.runtime.store.db
      .selectFrom('jobs')
      .select(['state', 'last_error'])
      .where('kind', '=', 'retry-records')
      .execute();
    expect(ran).toEqual([{ state: 'completed', last_error: null }]);
  });

  it('queues a retry of a Thena record for the Thena -> HubSpot direction', async () => {
    expect((await api.call('POST', `${base}/${fromThena.id}/retry`)).statusCode).toBe(202);
    const job = await api.stack.runtime.store.db
      .selectFrom('jobs')
      .select(['payload'])
      .where('kind', '=', 'retry-thena-records')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(job.payload)).toEqual({
      installationId: api.installationId,
      objectType: 'companies',
      thenaIds: ['thena-77'],
    });
  });

  it('refuses retries of unknown entries, entries of other orgs and entries without a record', async () => {
    expect(failure(await api.call('POST', `${base}/999999999/retry`))).toEqual([
      404,
      'audit_entry_not_found',
    ]);
    const pendingBase = `/api/v1/orgs/${api.pendingOrgId}/audit`;
    expect(failure(await api.call('POST', `${pendingBase}/${tricky.id}/retry`))).toEqual([
      404,
      'audit_entry_not_found',
    ]);
    expect(failure(await api.call('POST', `${base}/${withoutRecord.id}/retry`))).toEqual([
      409,
      'nothing_to_retry',
    ]);
    expect(failure(await api.call('POST', `${base}/abc/retry`))).toEqual([400, 'invalid_request']);
  });
});
