// `npm run emulator:thena -- --port 4020 --events-url http://localhost:3000/webhooks/thena/events`
// Starts the emulator in the foreground; with --install it also installs the app into a new
// organization and prints the bot token, which is what the one-command demo needs.
import { parseArgs } from 'node:util';
import { startThenaEmulator, type ThenaEmulatorOptions } from './index.ts';

const USAGE = `Usage: emulator:thena [options]
  --port <n>                 port to listen on (default 4020; 0 = random)
  --host <addr>              address to bind (default 127.0.0.1)
  --installation-url <url>   the app's installation lifecycle webhook
  --events-url <url>         the app's platform events webhook
  --webhook-secret <secret>  shared secret for webhook signatures (default: generated, printed)
  --rate-limit on|off        enforce X-RateLimit limits (default off)
  --latency <ms>             delay added to every API answer (default 0)
  --install                  install the app into a new organization at start and print its token
  --help                     this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function readNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} must be a whole number`);
  return parsed;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'installation-url': { type: 'string' },
    'events-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    'rate-limit': { type: 'string' },
    latency: { type: 'string' },
    install: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  strict: true,
});

if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}
const rateLimit = values['rate-limit'] ?? 'off';
if (rateLimit !== 'on' && rateLimit !== 'off') fail('--rate-limit must be on or off');

const options: ThenaEmulatorOptions = {
  port: readNumber(values.port, 'port', 4020),
  host: values.host ?? '127.0.0.1',
  latencyMs: readNumber(values.latency, 'latency', 0),
  rateLimit: { enabled: rateLimit === 'on' },
  ...(values['installation-url'] === undefined ? {} : { installationUrl: values['installation-url'] }),
  ...(values['events-url'] === undefined ? {} : { eventsUrl: values['events-url'] }),
  ...(values['webhook-secret'] === undefined ? {} : { webhookSecret: values['webhook-secret'] }),
};

const emulator = await startThenaEmulator(options);
console.log(`Thena emulator listening on ${emulator.url}`);
console.log(`  platform API  ${emulator.url}/v1   apps API  ${emulator.url}/incoming-webhook/events`);
console.log(`  control       ${emulator.url}/_emulator/`);
if (values['webhook-secret'] === undefined) console.log(`  webhook secret ${emulator.config.webhookSecret}`);
if (values.install === true) {
  const installed = emulator.install();
  console.log(`  installed app in ${installed.organizationId} (team ${installed.teamIds.join(', ')})`);
  console.log(`  bot token ${installed.botToken}   bot id ${installed.botId}`);
}

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
