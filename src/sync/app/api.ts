// The services behind the REST API and the CLI, built once by the composition root.
import type { EngineDeps } from '../engine/context.ts';
import { realSleep, type Sleep } from '../ports.ts';
import { AuditService } from './api-audit.ts';
import { ApiAuth } from './api-auth.ts';
import { ConfigService } from './api-config.ts';
import { FieldService } from './api-fields.ts';
import { DEFAULT_TOTALS_OPTIONS, HubSpotTotals, type TotalsOptions } from './api-hubspot-totals.ts';
import { OrgService } from './api-orgs.ts';
import type { ApiStorePort } from './api-ports.ts';
import { DEFAULT_PREVIEW_OPTIONS, PreviewService, type PreviewOptions } from './api-preview.ts';
import { SyncService } from './api-sync.ts';
import { ApiTokenService } from './api-tokens.ts';
import type { InstallationService } from './installations.ts';

export interface ApiServices {
  auth: ApiAuth;
  tokens: ApiTokenService;
  orgs: OrgService;
  fields: FieldService;
  configs: ConfigService;
  preview: PreviewService;
  sync: SyncService;
  audit: AuditService;
}

export interface ApiOptions {
  /** The operator's token (ADMIN_TOKEN); without it only org tokens are accepted. */
  adminToken: string | undefined;
  preview?: Partial<PreviewOptions>;
  totals?: Partial<TotalsOptions>;
  sleep?: Sleep;
}

export function createApiServices(
  engine: EngineDeps,
  installations: InstallationService,
  store: ApiStorePort,
  options: ApiOptions,
): ApiServices {
  const tokens = new ApiTokenService(store.apiTokens, engine.clock);
  const totals = new HubSpotTotals(engine.clock, options.sleep ?? realSleep, {
    ...DEFAULT_TOTALS_OPTIONS,
    ...options.totals,
  });
  return {
    auth: new ApiAuth(tokens, options.adminToken),
    tokens,
    orgs: new OrgService(engine, installations),
    fields: new FieldService(engine),
    configs: new ConfigService(engine, store),
    preview: new PreviewService(engine, { ...DEFAULT_PREVIEW_OPTIONS, ...options.preview }),
    sync: new SyncService(engine, store, totals),
    audit: new AuditService(engine),
  };
}
