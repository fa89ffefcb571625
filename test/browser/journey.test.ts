// The admin's whole journey, in headless Chromium, on the real demo stack (both emulators, the
// service on SQLite, the first backfill started): the connection card, a custom field selected,
// two filters, a preview whose count HubSpot confirms, save, "Sync now" followed to its end with
// Thena holding what the filters let through, then a FAILED audit entry opened and retried by
// keyboard until its record is synced. No console error on the way; the page fits 1280×800, and
// JOURNEY_SCREENSHOTS=<dir> keeps screenshots of the end for a look.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import type { Browser, Locator, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, startDemo, type Demo } from '../../src/demo.ts';
import { waitFor } from '../helpers/settle.ts';
import { browserTestsEnabled, collectConsoleErrors, launchBrowser, type ConsoleProblems } from './helpers.ts';

/** Where the final screenshots are kept (JOURNEY_SCREENSHOTS=<dir>); otherwise a temporary folder. */
const SCREENSHOTS = process.env.JOURNEY_SCREENSHOTS;
const CONTACTS = 300;
const COMPANIES = 40;
const TIERS = ['gold', 'platinum'];
/** The custom field the admin adds; the demo does not select it. */
const NEW_FIELD = { name: 'preferred_channel', label: 'Preferred channel' };

interface HubSpotContact {
  id: string;
  properties: Record<string, string | null>;
}

describe.runIf(browserTestsEnabled('Browser journey on the demo stack'))(
  'the admin journey on the demo',
  () => {
    let demo: Demo;
    let dataDir: string;
    let browser: Browser;
    let page: Page;
    let problems: ConsoleProblems;
    let screenshots: string;
    let hubspotContacts: HubSpotContact[];
    let matching: HubSpotContact[];

    const logger = pino({ level: 'error' });
    const byTestId = (id: string) => page.getByTestId(id);
    /** Waits for an enabled element (Mantine sets `disabled` on buttons and inputs). */
    const enabled = (locator: Locator) => locator.and(page.locator(':not([disabled])')).waitFor();

    beforeAll(async () => {
      // Built when the checkout has no page yet (CI) or an older one than its sources.
      await ensureWebBuilt(logger);
      dataDir = await mkdtemp(join(tmpdir(), 'thena-hubspot-journey-'));
      screenshots = SCREENSHOTS ?? (await mkdtemp(join(tmpdir(), 'thena-hubspot-screens-')));
      [demo, browser] = await Promise.all([
        startDemo({
          port: 0,
          dataDir,
          contacts: CONTACTS,
          companies: COMPANIES,
          rateLimit: 'off',
          logger,
        }),
        launchBrowser(),
      ]);
      const [portal] = demo.hubspot.control.listPortals();
      const client = new Client({ accessToken: portal!.accessToken, basePath: demo.hubspot.url });
      const properties = ['email', 'lastname', 'customer_tier', NEW_FIELD.name];
      hubspotContacts = await client.crm.contacts.getAll(100, undefined, properties);
      matching = hubspotContacts.filter(
        (c) => TIERS.includes(c.properties.customer_tier ?? '') && (c.properties.email ?? '') !== '',
      );
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      problems = collectConsoleErrors(page);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.close();
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
      if (SCREENSHOTS === undefined && screenshots !== undefined) {
        await rm(screenshots, { recursive: true, force: true });
      }
    });

    it('opens signed in, with HubSpot connected to the demo portal', async () => {
      await page.goto(demo.pageUrl);
      await byTestId('connection-status').and(page.locator('[data-status="connected"]')).waitFor();
      expect(await byTestId('connection-status').textContent()).toBe('Connected');
      expect(await byTestId('portal-id').textContent()).toBe(String(demo.hubspotPortalId));
      expect(await byTestId('current-org').textContent()).toBe(demo.orgId);
    });

    it('selects a custom field and adds two filters on the Contacts tab', async () => {
      await byTestId('tab-contacts').click();
      const panel = byTestId('panel-contacts');
      const selector = panel.getByRole('combobox', { name: 'Field selector' });
      await selector.waitFor();
      expect(await byTestId('save-changes').isDisabled()).toBe(true);

      await selector.click();
      await selector.fill('channel');
      await page.getByRole('option', { name: new RegExp(NEW_FIELD.label) }).click();
      await page.keyboard.press('Escape');
      await panel.locator(`[data-testid="selected-field-row"][data-field="${NEW_FIELD.name}"]`).waitFor();

      await byTestId('add-filter').click();
      const tier = byTestId('filter-row').nth(0);
      await tier.getByLabel('Filter 1 field').click();
      await page.getByRole('option', { name: 'Customer tier', exact: true }).click();
      await tier.getByLabel('Filter 1 operator').click();
      await page.getByRole('option', { name: 'Is any of', exact: true }).click();
      await tier.getByLabel('Filter 1 value').click();
      await page.getByRole('option', { name: 'Gold', exact: true }).click();
      await page.getByRole('option', { name: 'Platinum', exact: true }).click();
      await page.keyboard.press('Escape');

      await byTestId('add-filter').click();
      const email = byTestId('filter-row').nth(1);
      await email.getByLabel('Filter 2 field').click();
      await page.getByRole('option', { name: 'Email', exact: true }).click();
      await email.getByLabel('Filter 2 operator').click();
      await page.getByRole('option', { name: 'Is not empty', exact: true }).click();
      expect(await byTestId('save-state').textContent()).toBe('You have unsaved changes.');
    });

    it('previews the records the filters let through, as many as HubSpot holds', async () => {
      expect(matching.length).toBeGreaterThan(20);
      expect(matching.length).toBeLessThan(hubspotContacts.length);
      await byTestId('preview-button').click();
      const result = byTestId('preview-result');
      await result.waitFor();
      expect(await result.getAttribute('data-matching')).toBe(String(matching.length));
      expect(await result.textContent()).toContain(`${matching.length} of ${CONTACTS} records match`);
      expect(await byTestId('preview-sample').locator('tbody tr').count()).toBeGreaterThan(0);
    });

    it('saves, after which there is nothing left to save and the new field is applied at once', async () => {
      await byTestId('save-changes').click();
      await byTestId('save-state').getByText('All changes saved.').waitFor();
      expect(await byTestId('save-changes').isDisabled()).toBe(true);
      const saved = await demo.runtime.services.api.configs.get(demo.orgId, 'contacts');
      expect(saved.filters).toEqual([
        { field: 'customer_tier', operator: 'is_any_of', value: TIERS },
        { field: 'email', operator: 'is_not_empty' },
      ]);
      expect(saved.fields.map((f) => f.property)).toContain(NEW_FIELD.name);

      // A new field starts a run over every record; the page shows it without being asked (well
      // before its idle poll, 15 s).
      const [run] = await demo.runtime.store.runs.recent(demo.installationId, 'contacts', 1);
      expect(run?.trigger).toBe('fields_changed');
      const row = page.locator(`[data-testid="run-row"][data-run-id="${run!.id}"]`);
      await row.waitFor({ timeout: 10_000 });
      await row.and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 30_000 });
      expect(await row.textContent()).toContain('Fields changed');
    }, 60_000);

    it('syncs now, follows the run to its end, and Thena holds what the filters let through', async () => {
      // A change no webhook reports (the demo subscribes to a few properties only): a full sync finds it.
      const changed = matching[1]!;
      const channel = changed.properties[NEW_FIELD.name] === 'sms' ? 'chat' : 'sms';
      demo.hubspot.control.uiUpdate(demo.hubspotPortalId, 'contacts', Number(changed.id), {
        properties: { [NEW_FIELD.name]: channel },
      });
      changed.properties[NEW_FIELD.name] = channel;

      await enabled(byTestId('sync-now'));
      await byTestId('sync-now').click();
      const progress = byTestId('sync-progress');
      await progress.waitFor();
      const runId = await progress.getAttribute('data-run-id');
      await page
        .locator('[data-testid="sync-progress"][data-state="succeeded"]')
        .waitFor({ timeout: 30_000 });
      expect(await byTestId('sync-progress-label').textContent()).toContain('(100%)');
      const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
      expect(await row.getAttribute('data-state')).toBe('succeeded');
      const excluded = hubspotContacts.length - matching.length;
      // Trigger, direction, state, seen, created, updated, excluded, failed.
      expect((await row.locator('td').allTextContents()).slice(1, 9)).toEqual([
        'Manual',
        'HubSpot → Thena',
        'succeeded',
        `${CONTACTS} / ${CONTACTS}`,
        '0',
        '1',
        String(excluded),
        '0',
      ]);

      const fieldId = await thenaFieldId(NEW_FIELD.name);
      const org = demo.thena.platform.org(demo.orgId)!;
      for (const contact of matching) {
        const thena = org.contacts.findByEmail(contact.properties.email!);
        expect(thena, contact.properties.email!).toBeDefined();
        expect(thena!.customFieldValues?.get(fieldId) ?? null).toBe(
          contact.properties[NEW_FIELD.name] || null,
        );
      }
      // The records the filters keep out never get the new field's values.
      for (const contact of hubspotContacts.filter((c) => !matching.includes(c))) {
        const thena = contact.properties.email
          ? org.contacts.findByEmail(contact.properties.email)
          : undefined;
        expect(thena?.customFieldValues?.get(fieldId)).toBeUndefined();
      }
    }, 60_000);

    it('opens a FAILED audit entry by keyboard, reads its full error, retries it and sees it synced', async () => {
      // Thena refuses one contact's update (a 400, which is never retried by itself).
      const contact = matching[0]!;
      const thenaContact = demo.thena.platform
        .org(demo.orgId)!
        .contacts.findByEmail(contact.properties.email!)!;
      demo.thena.injectFault({
        kind: 'status',
        status: 400,
        method: 'PUT',
        path: `/v1/accounts/contacts/${thenaContact.id}`,
      });
      demo.hubspot.control.uiUpdate(demo.hubspotPortalId, 'contacts', Number(contact.id), {
        properties: { lastname: 'Changed in the journey' },
      });
      const failed = await waitForAudit(contact.id, 'FAILED');

      // The audit tab, reached with the arrow keys from the Contacts tab.
      await byTestId('tab-contacts').focus();
      await page.keyboard.press('ArrowRight');
      await byTestId('audit-log').waitFor();
      const row = page.locator(`[data-testid="audit-row"][data-audit-id="${failed}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('FAILED');
      await tabUntil(`[data-testid="audit-row"][data-audit-id="${failed}"]`);
      await page.keyboard.press('Enter');

      const detail = byTestId('audit-detail');
      await detail.waitFor();
      expect(await detail.getAttribute('data-audit-id')).toBe(String(failed));
      expect(await byTestId('audit-error-code').textContent()).toBe('thena_validation');
      expect(await byTestId('audit-error-message').textContent()).toContain('HTTP 400');
      expect(await byTestId('audit-error-details').textContent()).toContain('"status": 400');
      expect(await detail.textContent()).toContain(thenaContact.id);

      // Thena accepts the record again; the retry, pressed from the keyboard, goes through.
      demo.thena.clearFaults();
      await tabUntil('[data-testid="audit-detail"] [data-testid="retry-button"]');
      await page.keyboard.press('Enter');
      await detail
        .getByTestId('retry-result')
        .getByText(`The HubSpot record ${contact.id} will be synced again shortly.`)
        .waitFor();
      await waitForAudit(contact.id, 'SUCCESS', failed);
      const synced = demo.thena.platform.org(demo.orgId)!.contacts.get(thenaContact.id);
      expect(synced?.lastName).toBe('Changed in the journey');

      // Closed with Escape, the refreshed log starts with the record's successful update.
      await page.keyboard.press('Escape');
      await detail.waitFor({ state: 'detached' });
      await byTestId('audit-refresh').press('Enter');
      await waitFor(
        async () => (await byTestId('audit-row').first().getAttribute('data-audit-id')) !== String(failed),
        10_000,
        'the refreshed audit log',
      );
      const newest = byTestId('audit-row').first();
      expect(await newest.getAttribute('data-status')).toBe('SUCCESS');
      expect(await newest.textContent()).toContain(contact.id);
    }, 60_000);

    it('shows no record failing, on a page that fits 1280×800 without sideways scrolling', async () => {
      await byTestId('tab-contacts').click();
      await waitFor(async () => (await byTestId('count-failed').textContent()) === '0', 10_000, 'no failed');
      await byTestId('runs-table').waitFor();
      expect(await sidewaysOverflow('runs-table')).toBe(0);
      await page.screenshot({ path: join(screenshots, 'journey-contacts.png') });
      await byTestId('tab-audit').click();
      await byTestId('audit-row').first().waitFor();
      // The audit table's last column holds "Retry": it must be in view, not scrolled off.
      expect(await sidewaysOverflow('audit-table')).toBe(0);
      await page.screenshot({ path: join(screenshots, 'journey-audit.png') });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    });

    it('reported nothing on the console during the whole journey', () => {
      expect(problems.messages).toEqual([]);
    });

    async function thenaFieldId(property: string): Promise<string> {
      const mapped = await demo.runtime.store.customFields.list(demo.installationId, 'contacts');
      const id = mapped.find((m) => m.hubspotProperty === property)?.thenaFieldId;
      expect(id, `Thena field of ${property}`).toBeDefined();
      return id!;
    }

    /** The id of the newest audit entry of a HubSpot contact with that status (after `after`). */
    async function waitForAudit(hubspotId: string, status: 'FAILED' | 'SUCCESS', after = 0): Promise<number> {
      let found: number | undefined;
      await waitFor(
        async () => {
          const entries = await demo.runtime.store.audit.list(demo.installationId, {
            objectType: 'contacts',
            status,
            limit: 20,
          });
          found = entries.find((e) => e.hubspotId === hubspotId && e.id > after)?.id;
          return found !== undefined;
        },
        15_000,
        `a ${status} audit entry for contact ${hubspotId}`,
      );
      return found!;
    }

    /** Presses Tab until the focused element matches `selector` (at most 40 times). */
    async function tabUntil(selector: string): Promise<void> {
      for (let presses = 0; presses < 40; presses++) {
        if (await page.evaluate((s) => document.activeElement?.matches(s) === true, selector)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    }

    /** How far a table sticks out of its scroll container (0 when it fits). */
    async function sidewaysOverflow(testId: string): Promise<number> {
      return page.getByTestId(testId).evaluate((table) => {
        const viewport = table.closest('.mantine-ScrollArea-viewport') ?? table.parentElement!;
        return viewport.scrollWidth - viewport.clientWidth;
      });
    }
  },
);
