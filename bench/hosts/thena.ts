// The Thena emulator in a process of its own. Options come as JSON in BENCH_OPTIONS.
import { startThenaEmulator, type ThenaEmulatorOptions } from '../../emulators/thena/index.ts';
import type { ContactRecord } from '../../emulators/thena/state/records.ts';
import { serveRpc } from '../lib/rpc.ts';

const options = JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as ThenaEmulatorOptions;
const thena = await startThenaEmulator({ port: 0, ...options });

export interface Observation {
  email: string;
  value: string | null;
  /** The Thena record's updatedAt when this value was first seen (Thena's clock: wall time). */
  updatedAt: number;
}

type Field = 'lastName' | 'firstName';

function org(orgId: string) {
  const found = thena.platform.org(orgId);
  if (found === undefined) throw new Error(`no organization ${orgId}`);
  return found;
}

let watcher: { timer: NodeJS.Timeout; seen: Observation[] } | undefined;

const handlers = {
  install() {
    const app = thena.install();
    return { orgId: app.organizationId, botToken: app.botToken };
  },
  waitForDeliveries: (timeoutMs: number) => thena.waitForDeliveries(timeoutMs),
  configure(patch: { latencyMs?: number; delivery?: { concurrency?: number } }) {
    if (patch.latencyMs !== undefined) thena.config.latencyMs = patch.latencyMs;
    if (patch.delivery !== undefined) Object.assign(thena.config.delivery, patch.delivery);
  },
  counts: (orgId: string) => ({ contacts: org(orgId).contacts.size, accounts: org(orgId).accounts.size }),
  stats: () => thena.stats(),
  /** Polls the contacts with these emails and records each new value of `field` with its updatedAt. */
  watch(orgId: string, emails: string[], field: Field, intervalMs: number) {
    const table = org(orgId).contacts;
    const contacts = emails.map((email) => table.findByEmail(email));
    const missing = contacts.filter((c) => c === undefined).length;
    const seen: Observation[] = [];
    const last = new Map<ContactRecord, string | null>();
    for (const contact of contacts) if (contact) last.set(contact, contact[field]);
    const timer = setInterval(() => {
      for (const [contact, value] of last) {
        if (contact[field] === value) continue;
        last.set(contact, contact[field]);
        seen.push({ email: contact.email, value: contact[field], updatedAt: contact.updatedAt });
      }
    }, intervalMs);
    watcher = { timer, seen };
    return { watching: last.size, missing };
  },
  observations() {
    if (watcher === undefined) return [];
    clearInterval(watcher.timer);
    const { seen } = watcher;
    watcher = undefined;
    return seen;
  },
  /** Webhooks to the app created since `since` (ms): how many, and when the last was delivered. */
  deliveredSince(since: number) {
    const recent = thena.platform.webhooks.list().filter((d) => d.createdAt >= since);
    const delivered = recent.filter((d) => d.deliveredAt !== null);
    const last = Math.max(0, ...delivered.map((d) => d.deliveredAt!));
    return { created: recent.length, delivered: delivered.length, lastDeliveredAt: last };
  },
  values(orgId: string, emails: string[], field: Field) {
    const table = org(orgId).contacts;
    return emails.map((email) => table.findByEmail(email)?.[field] ?? null);
  },
  /** Edits `count` contacts "as a user", as fast as the emulator takes them. */
  editContacts(orgId: string, count: number, field: Field) {
    const user = thena.asUser(orgId);
    const contacts = org(orgId).contacts.page(0, count, {});
    const started = Date.now();
    const edits = contacts.map((contact, i) => {
      const value = `Rv${i}`;
      user.updateContact(contact.id, { [field]: value });
      return { email: contact.email, value };
    });
    return { edits, started, finished: Date.now() };
  },
};

export type ThenaHost = typeof handlers;
serveRpc(handlers, { url: thena.url });
