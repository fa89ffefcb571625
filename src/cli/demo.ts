// `thena-hubspot demo` (and `start` with nothing configured): both emulators, the service, the
// installation and OAuth done, a progress bar for the first backfill, then the page's URL.
import type { Config } from '../config.ts';
import type { Demo } from '../demo.ts';

const WIDTH = 30;

/**
 * The seed's size from DEMO_CONTACTS / DEMO_COMPANIES (a smaller demo starts faster: tests use
 * it), or the demo's default when unset.
 */
export function seedSize(name: 'DEMO_CONTACTS' | 'DEMO_COMPANIES', env = process.env): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new Error(`${name}: expected an integer from 1 to 1000000, got "${raw}"`);
  }
  return value;
}

function bar(label: string, seen: number, total: number | null): string {
  if (total === null || total === 0) return `${label.padEnd(10)} ${seen} records`;
  const share = Math.min(1, seen / total);
  const done = Math.round(share * WIDTH);
  return `${label.padEnd(10)} [${'#'.repeat(done)}${'-'.repeat(WIDTH - done)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${seen}/${total}`;
}

async function showFirstBackfill(demo: Demo): Promise<void> {
  const { store } = demo.runtime;
  for (const object of ['companies', 'contacts'] as const) {
    for (;;) {
      const [run] = await store.runs.recent(demo.installationId, object, 1);
      if (run !== undefined) {
        process.stderr.write(`\r${bar(object, run.seen, run.totalEstimate)}`);
        if (run.state === 'succeeded' || run.state === 'failed' || run.state === 'cancelled') {
          process.stderr.write(`  ${run.state}: ${run.created} created, ${run.failed} failed\n`);
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function runDemo(config: Config, onStop: (stop: () => Promise<void>) => void): Promise<void> {
  const contacts = seedSize('DEMO_CONTACTS');
  const companies = seedSize('DEMO_COMPANIES');
  const { ensureWebBuilt, startDemo } = await import('../demo.ts');
  const { createLogger } = await import('../logging.ts');
  const logger = createLogger({ level: 'warn', pretty: true });
  await ensureWebBuilt(logger);
  console.log('Starting the demo: a local HubSpot and a local Thena, the service on SQLite…');
  const demo = await startDemo({
    port: config.port,
    dataDir: config.dataDir,
    logger,
    ...(contacts === undefined ? {} : { contacts }),
    ...(companies === undefined ? {} : { companies }),
  });
  onStop(() => demo.close());
  console.log(`HubSpot emulator: ${demo.hubspot.url}  (portal ${demo.hubspotPortalId})`);
  console.log(`Thena emulator:   ${demo.thena.url}  (organization ${demo.orgId})`);
  console.log('First backfill:');
  await showFirstBackfill(demo);
  const contactId = demo.sampleContactId ?? 1;
  console.log(`\nTry a change "as a user" and watch it cross over within a second:`);
  console.log(
    `  curl -X PATCH ${demo.hubspot.url}/_emulator/portals/${demo.hubspotPortalId}/ui/contacts/${contactId} ` +
      `-H 'content-type: application/json' -d '{"properties":{"lastname":"Changed in HubSpot"}}'`,
  );
  console.log(
    `  (Thena: ${demo.thena.url}/_emulator/orgs/${demo.orgId}/contacts/<id> with PUT, see emulators/thena/README.md)`,
  );
  console.log(`\nConfiguration page (signed in): ${demo.pageUrl}\n`);
}
