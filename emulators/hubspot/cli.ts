// `npm run emulator:hubspot -- --port 4010 --seed-contacts 1000 --seed-companies 100`
import { parseArgs } from 'node:util';
import { startHubSpotEmulator } from './index.ts';
import type { RateLimitProfileName } from './options.ts';

const USAGE = `Usage: npm run emulator:hubspot -- [options]
  --port <n>                 port (default 4010; 0 = random)
  --host <addr>              interface (default 127.0.0.1)
  --client-id <id>           OAuth client id of the app
  --client-secret <secret>   OAuth client secret (also signs webhooks)
  --app-id <n>               app id
  --developer-api-key <key>  hapikey for the webhooks management API
  --webhook-url <url>        target URL for webhook deliveries
  --seed-contacts <n>        create a portal with n seeded contacts
  --seed-companies <n>       ... and n seeded companies
  --seed <n>                 seed of the generated data (default 1)
  --rate-limit <profile>     public | starter | pro | off (default public)
  --token-ttl <seconds>      access-token lifetime (default 1800)
  --latency <ms>             added to every API call (default 0)
  --search-index-delay <ms>  records become searchable this long after a write
  --auto-approve             skip the OAuth consent page
  --log                      log requests`;

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'app-id': { type: 'string' },
      'developer-api-key': { type: 'string' },
      'webhook-url': { type: 'string' },
      'seed-contacts': { type: 'string' },
      'seed-companies': { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      'token-ttl': { type: 'string' },
      latency: { type: 'string' },
      'search-index-delay': { type: 'string' },
      'auto-approve': { type: 'boolean' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rateLimit = values['rate-limit'] ?? 'public';
  if (!['public', 'starter', 'pro', 'off'].includes(rateLimit))
    throw new Error(`unknown --rate-limit ${rateLimit}`);
  const indexDelay = int(values['search-index-delay'], 'search-index-delay');
  const appId = int(values['app-id'], 'app-id');
  const tokenTtl = int(values['token-ttl'], 'token-ttl');
  const latency = int(values.latency, 'latency');
  const seedContacts = int(values['seed-contacts'], 'seed-contacts');
  const seedCompanies = int(values['seed-companies'], 'seed-companies');
  const seed = int(values.seed, 'seed');
  const emulator = await startHubSpotEmulator({
    port: int(values.port, 'port') ?? 4010,
    ...(values.host ? { host: values.host } : {}),
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
    ...(appId === undefined ? {} : { appId }),
    ...(values['developer-api-key'] ? { developerApiKey: values['developer-api-key'] } : {}),
    ...(values['webhook-url'] ? { webhookUrl: values['webhook-url'] } : {}),
    ...(seedContacts === undefined ? {} : { seedContacts }),
    ...(seedCompanies === undefined ? {} : { seedCompanies }),
    ...(seed === undefined ? {} : { seed }),
    rateLimit: rateLimit as RateLimitProfileName,
    ...(tokenTtl === undefined ? {} : { tokenTtlSeconds: tokenTtl }),
    ...(latency === undefined ? {} : { latencyMs: latency }),
    ...(indexDelay === undefined ? {} : { search: { indexDelayMs: indexDelay } }),
    oauthAutoApprove: values['auto-approve'] ?? false,
    logger: values.log ?? false,
  });
  console.log(`HubSpot emulator listening on ${emulator.url}`);
  console.log(
    `  app ${emulator.app.appId}  client_id=${emulator.app.clientId}  developer key=${emulator.app.developerApiKey}`,
  );
  console.log(
    `  authorize: ${emulator.url}/oauth/authorize?client_id=${emulator.app.clientId}&redirect_uri=...&scope=...`,
  );
  if (emulator.defaultPortal) {
    console.log(
      `  portal ${emulator.defaultPortal.portalId}  private-app token ${emulator.defaultPortal.accessToken}`,
    );
  }
  console.log(`  control surface: ${emulator.url}/_emulator/ (see emulators/hubspot/README.md)`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
