// Emulator options and their defaults.
export type RateLimitProfileName = 'public' | 'starter' | 'pro' | 'off';

export interface RateLimitProfile {
  name: string;
  /** Requests per rolling window per (app, portal); null disables the limit. */
  max: number | null;
  intervalMs: number;
  /** Search requests per second per portal; null disables it. */
  searchPerSecond: number | null;
  /** Requests per day for private-app tokens (the Daily headers); null disables it. */
  daily: number | null;
}

export const RATE_LIMIT_PROFILES: Record<RateLimitProfileName, RateLimitProfile> = {
  // A public (marketplace) OAuth app: 110 per 10 s per installing account, no daily limit.
  public: { name: 'public', max: 110, intervalMs: 10_000, searchPerSecond: 5, daily: null },
  // A private app on Free/Starter: 100 per 10 s, 250,000 per day.
  starter: { name: 'starter', max: 100, intervalMs: 10_000, searchPerSecond: 5, daily: 250_000 },
  // A private app on Professional: 190 per 10 s, 625,000 per day.
  pro: { name: 'pro', max: 190, intervalMs: 10_000, searchPerSecond: 5, daily: 625_000 },
  off: { name: 'off', max: null, intervalMs: 10_000, searchPerSecond: null, daily: null },
};

export interface SearchSettings {
  /** Records become searchable this long after a write (HubSpot's index lags). */
  indexDelayMs: number;
  maxFilterGroups: number;
  maxFiltersPerGroup: number;
  maxFilters: number;
  maxResults: number;
  maxLimit: number;
  maxQueryLength: number;
}

export interface WebhookFaults {
  /** Chance that a batch is never delivered. */
  dropProbability: number;
  /** Chance that a delivered batch is delivered a second time. */
  duplicateProbability: number;
  /** Chance that the events of a batch are shuffled. */
  shuffleProbability: number;
  /** Fixed delay before every delivery attempt. */
  delayMs: number;
  /** Random extra delay (0..jitter) before every attempt, which reorders batches. */
  jitterMs: number;
}

export interface WebhookSettingsOptions {
  /** Events wait this long for companions before a batch is sent. */
  batchWindowMs: number;
  maxBatchSize: number;
  timeoutMs: number;
  /** Delay before retry n (n = 1..10); its length is the number of retries. */
  retryDelaysMs: number[];
  /** Randomise each retry delay by up to this fraction (HubSpot's delays are randomised). */
  retryJitter: number;
  faults: WebhookFaults;
}

export interface HubSpotEmulatorOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  appId?: number;
  developerApiKey?: string;
  webhookUrl?: string;
  rateLimit?: RateLimitProfileName | RateLimitProfile;
  /** Access-token lifetime in seconds (HubSpot: 1800). */
  tokenTtlSeconds?: number;
  /** Added to every API call (not to the control surface). */
  latencyMs?: number;
  /** Consent is granted at once: `/oauth/authorize` redirects without showing the page. */
  oauthAutoApprove?: boolean;
  /** Creates one portal seeded with this many contacts/companies at start-up. */
  seedContacts?: number;
  seedCompanies?: number;
  seed?: number;
  search?: Partial<SearchSettings>;
  webhooks?: Partial<Omit<WebhookSettingsOptions, 'faults'>> & { faults?: Partial<WebhookFaults> };
  /** Seed of the emulator's randomness (fault probabilities, retry jitter). */
  randomSeed?: number;
  /** Keep the last N API responses as sent on the wire (tests check them against the specs). */
  recordResponses?: number;
  logger?: boolean;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  clientId: string;
  clientSecret: string;
  appId: number;
  developerApiKey: string;
  webhookUrl: string | undefined;
  rateLimit: RateLimitProfile;
  tokenTtlSeconds: number;
  latencyMs: number;
  oauthAutoApprove: boolean;
  seedContacts: number;
  seedCompanies: number;
  seed: number;
  search: SearchSettings;
  webhooks: WebhookSettingsOptions;
  randomSeed: number;
  recordResponses: number;
  logger: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Ten retries over about a day, as HubSpot documents. */
export const DEFAULT_RETRY_DELAYS_MS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  6 * HOUR,
  10 * HOUR,
];

export const DEFAULT_SEARCH: SearchSettings = {
  indexDelayMs: 0,
  maxFilterGroups: 5,
  maxFiltersPerGroup: 6,
  maxFilters: 18,
  maxResults: 10_000,
  maxLimit: 200,
  maxQueryLength: 3000,
};

export function resolveRateLimit(
  value: RateLimitProfileName | RateLimitProfile | undefined,
): RateLimitProfile {
  if (value === undefined) return RATE_LIMIT_PROFILES.public;
  if (typeof value === 'string') {
    const profile = RATE_LIMIT_PROFILES[value];
    if (!profile) throw new Error(`unknown rate-limit profile: ${String(value)}`);
    return profile;
  }
  return value;
}

export function resolveOptions(options: HubSpotEmulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    clientId: options.clientId ?? 'emulator-client-id',
    clientSecret: options.clientSecret ?? 'emulator-client-secret',
    appId: options.appId ?? 424_242,
    developerApiKey: options.developerApiKey ?? 'emulator-developer-api-key',
    webhookUrl: options.webhookUrl,
    rateLimit: resolveRateLimit(options.rateLimit),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    latencyMs: options.latencyMs ?? 0,
    oauthAutoApprove: options.oauthAutoApprove ?? false,
    seedContacts: options.seedContacts ?? 0,
    seedCompanies: options.seedCompanies ?? 0,
    seed: options.seed ?? 1,
    search: { ...DEFAULT_SEARCH, ...options.search },
    webhooks: {
      batchWindowMs: options.webhooks?.batchWindowMs ?? 200,
      maxBatchSize: options.webhooks?.maxBatchSize ?? 100,
      timeoutMs: options.webhooks?.timeoutMs ?? 5000,
      retryDelaysMs: options.webhooks?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      retryJitter: options.webhooks?.retryJitter ?? 0.2,
      faults: {
        dropProbability: 0,
        duplicateProbability: 0,
        shuffleProbability: 0,
        delayMs: 0,
        jitterMs: 0,
        ...options.webhooks?.faults,
      },
    },
    randomSeed: options.randomSeed ?? 42,
    recordResponses: options.recordResponses ?? 0,
    logger: options.logger ?? false,
  };
}
