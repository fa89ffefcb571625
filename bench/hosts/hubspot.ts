// The HubSpot emulator in a process of its own, so its CPU is not counted against the service's.
// Options come as JSON in BENCH_OPTIONS; the harness drives it through these functions.
import { CONTACTS } from '../../emulators/hubspot/crm/object-types.ts';
import { findRecord } from '../../emulators/hubspot/crm/lookup.ts';
import {
  startHubSpotEmulator,
  type HubSpotEmulatorOptions,
  type SettingsPatch,
} from '../../emulators/hubspot/index.ts';
import { serveRpc } from '../lib/rpc.ts';

const options = JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as HubSpotEmulatorOptions;
const emulator = await startHubSpotEmulator({ port: 0, ...options });
const { control } = emulator;

export interface Change {
  id: number;
  value: string;
  /** Wall-clock ms just before the change was made. */
  at: number;
}

export interface RequestStats {
  byRoute: Record<string, Record<string, number>>;
  total: number;
  byStatus: Record<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let awaited:
  | {
      portalId: number;
      property: string;
      pending: { email: string; value: string }[];
      done: number;
      last: number;
    }
  | undefined;

const handlers = {
  createPortal(seed: { contacts: number; companies: number }) {
    const { portalId, accessToken } = control.createPortal({ installApps: [], seed });
    return { portalId, accessToken };
  },
  subscribe(eventType: string, propertyName?: string) {
    control.subscribe(emulator.app.appId, eventType, propertyName);
  },
  settings: (patch: SettingsPatch) => control.updateSettings(patch),
  stats: () => control.stats() as { requests: RequestStats; rateLimited: Record<string, number> },
  /** Contacts' emails (to find them in Thena). */
  emails(portalId: number, ids: number[]): (string | null)[] {
    const store = control.portal(portalId).store('contacts');
    return ids.map((id) => store.find(id)?.value('email') ?? null);
  },
  /**
   * Changes `property` of contacts "as a user" at a steady rate: change i goes to ids[i % n] at
   * start + i / rate. Values are `${prefix}${i}`, so a later value is recognisable.
   */
  async drive(
    portalId: number,
    ids: number[],
    property: string,
    perSecond: number,
    seconds: number,
    prefix: string,
  ) {
    const changes: Change[] = [];
    const total = Math.round(perSecond * seconds);
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      const id = ids[i % ids.length]!;
      const value = `${prefix}${i}`;
      changes.push({ id, value, at: Date.now() });
      control.uiUpdate(portalId, 'contacts', id, { properties: { [property]: value } });
    }
    return changes;
  },
  /** Remembers values expected on contacts (by email); `written` then reports how many arrived. */
  expect(portalId: number, expected: { email: string; value: string }[], property: string) {
    awaited = { portalId, property, pending: [...expected], done: 0, last: 0 };
  },
  /** How many expected values HubSpot holds, and when the latest of them was written. */
  written() {
    if (awaited === undefined) throw new Error('nothing expected');
    const { portalId, property } = awaited;
    const portal = control.portal(portalId);
    awaited.pending = awaited.pending.filter(({ email, value }) => {
      const entry = findRecord(portal, CONTACTS, email, 'email')?.history(property)[0];
      if (entry?.value !== value) return true;
      awaited!.done++;
      awaited!.last = Math.max(awaited!.last, entry.timestamp);
      return false;
    });
    return { done: awaited.done, last: awaited.last };
  },
  drainWebhooks: () => control.drainWebhooks(false),
};

export type HubSpotHost = typeof handlers;
serveRpc(handlers, { url: emulator.url, app: emulator.app });
