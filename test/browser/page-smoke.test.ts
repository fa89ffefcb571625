// The configuration page, built for production and served with a fake API, in headless
// Chromium: it renders, switches tabs, builds a filter, shows the server's problems next to the
// filter they name, follows a sync and opens a failed audit entry, without a console error.
// The admin's journey against the real demo stack is a separate test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_ORG, FAKE_TOKEN, REFUSED_VALUE, registerFakeApi, type FakeApiLog } from './fake-api.ts';
import { browserTestsEnabled, collectConsoleErrors, launchBrowser, type ConsoleProblems } from './helpers.ts';

const VITE_CONFIG = fileURLToPath(new URL('../../src/web/vite.config.ts', import.meta.url));

describe.runIf(browserTestsEnabled('Configuration page smoke test'))('configuration page smoke test', () => {
  let outDir: string;
  let app: FastifyInstance;
  let api: FakeApiLog;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let consoleProblems: ConsoleProblems;

  beforeAll(async () => {
    browser = await launchBrowser();
    outDir = await mkdtemp(join(tmpdir(), 'thena-hubspot-web-'));
    await build({
      configFile: VITE_CONFIG,
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    app = Fastify();
    api = registerFakeApi(app);
    await app.register(fastifyStatic, { root: outDir });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  const open = async (query: string) => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    consoleProblems = collectConsoleErrors(page);
    await page.goto(`${baseUrl}/${query}`);
  };

  afterEach(async () => {
    expect(consoleProblems.messages).toEqual([]);
    await page.close();
  });

  it('signs in from the link, keeps the token out of the address bar and sends it', async () => {
    await open(`?org=${FAKE_ORG}&token=${FAKE_TOKEN}`);
    await page.getByTestId('connection-status').getByText('Connected').waitFor();
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    expect(new URL(page.url()).searchParams.get('org')).toBe(FAKE_ORG);
    expect(await page.evaluate(() => sessionStorage.getItem('thena-hubspot.token'))).toBe(FAKE_TOKEN);
    expect(api.authorizations.every((a) => a === `Bearer ${FAKE_TOKEN}`)).toBe(true);
  });

  it('shows the signed-out state without a token', async () => {
    await open(`?org=${FAKE_ORG}`);
    await page.getByTestId('access-problem').getByText('Not signed in').waitFor();
  });

  it('adds a filter on a selected field and shows the 400 problem next to it', async () => {
    await open(`?org=${FAKE_ORG}&token=${FAKE_TOKEN}`);
    await page.getByTestId('tab-contacts').click();
    const panel = page.getByTestId('panel-contacts');
    await panel
      .locator('[data-testid="selected-field-row"][data-field="email"] [data-testid="locked-field"]')
      .waitFor();
    expect(await page.getByTestId('save-changes').isDisabled()).toBe(true);

    await page.getByTestId('add-filter').click();
    const row = page.getByTestId('filter-row').first();
    await row.getByLabel('Filter 1 field').click();
    await page.getByRole('option', { name: 'Email', exact: true }).click();
    await row.getByLabel('Filter 1 operator').click();
    await page.getByRole('option', { name: 'Contains', exact: true }).click();
    await row.getByLabel('Filter 1 value').fill(REFUSED_VALUE);
    await page.getByText('Multiple filters are combined with AND', { exact: false }).waitFor();

    await page.getByTestId('save-changes').click();
    await row.getByText('is refused by the server').waitFor();
    await page.getByTestId('save-problems').waitFor();
    const put = api.puts.at(-1);
    expect(put?.expectedVersion).toBe(3);
    expect(put?.filters).toEqual([{ field: 'email', operator: 'contains', value: REFUSED_VALUE }]);

    // Editing the filter clears its problem; the fake then accepts the configuration.
    await row.getByLabel('Filter 1 value').fill('@example.com');
    expect(await row.getByText('is refused by the server').count()).toBe(0);
    await page.getByTestId('preview-button').click();
    await page.getByTestId('preview-result').getByText('records match', { exact: false }).waitFor();
    await page.getByTestId('save-changes').click();
    await page.getByTestId('save-state').getByText('All changes saved.').waitFor();
    expect(await page.getByTestId('save-changes').isDisabled()).toBe(true);
  });

  it('asks to reload when someone else saved in between (409)', async () => {
    await open(`?org=${FAKE_ORG}&token=${FAKE_TOKEN}`);
    await page.getByTestId('tab-companies').click();
    const toggle = page.getByTestId('sync-enabled');
    await toggle.waitFor();
    const url = `${baseUrl}/api/v1/orgs/${FAKE_ORG}/objects/companies/config`;
    const headers = { authorization: `Bearer ${FAKE_TOKEN}`, 'content-type': 'application/json' };
    const current = (await (await fetch(url, { headers })).json()) as Record<string, unknown>;
    const { version, updatedAt: _u, ...body } = current;
    const put = await fetch(url, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ ...body, blankOverwrites: true, expectedVersion: version }),
    });
    expect(put.status).toBe(200);

    await toggle.click();
    await page.getByTestId('save-changes').click();
    await page.getByTestId('save-conflict').waitFor();
    await page.getByTestId('reload-config').click();
    await page.getByTestId('save-state').getByText('No changes.').waitFor();
    expect(await toggle.isChecked()).toBe(true);
  });

  it('starts a sync and follows its progress to the end', async () => {
    await open(`?org=${FAKE_ORG}&token=${FAKE_TOKEN}`);
    await page.getByTestId('tab-companies').click();
    await page.getByTestId('sync-now').click();
    await page.locator('[data-testid="sync-progress"][data-state="succeeded"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="run-row"][data-state="succeeded"]').waitFor();
  });

  it('opens a FAILED audit entry from the keyboard and retries it', async () => {
    await open(`?org=${FAKE_ORG}&token=${FAKE_TOKEN}`);
    await page.getByTestId('tab-audit').click();
    const failed = page.locator('[data-testid="audit-row"][data-status="FAILED"]');
    await failed.focus();
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('audit-detail');
    await detail.getByTestId('audit-error-code').getByText('thena_validation_failed').waitFor();
    expect(await detail.getByTestId('audit-error-details').textContent()).toContain('"thenaStatus": 400');
    await detail.getByTestId('retry-button').click();
    await detail.getByTestId('retry-result').getByText('Retry queued.').waitFor();
    expect(api.retries).toEqual([3]);
  });
});
