// Organizations and their HubSpot connection, as the API and the CLI show them.
import type { EngineDeps } from '../engine/context.ts';
import type { Installation } from '../model.ts';
import { requireInstallation } from './api-access.ts';
import type { Principal } from './api-auth.ts';
import type { ConnectionView, OrgSummaryView } from './api-views.ts';
import type { InstallationService } from './installations.ts';

export class OrgService {
  constructor(
    private readonly engine: EngineDeps,
    private readonly installations: InstallationService,
  ) {}

  /** Every org for the operator; an org token sees its own org only. */
  async list(principal: Principal): Promise<OrgSummaryView[]> {
    const all =
      principal.kind === 'admin'
        ? await this.engine.store.installations.list()
        : [await this.engine.store.installations.getByOrg(principal.orgId)].filter(
            (i): i is Installation => i !== undefined,
          );
    return all
      .map((i) => ({ orgId: i.orgId, status: i.status, portalId: i.portalId }))
      .sort((a, b) => a.orgId.localeCompare(b.orgId));
  }

  async connection(orgId: string): Promise<ConnectionView> {
    return this.#view(await requireInstallation(this.engine, orgId));
  }

  /** Stops the sync and revokes HubSpot's token; the configuration, links and audit log stay. */
  async uninstall(orgId: string, reason: string): Promise<ConnectionView> {
    await requireInstallation(this.engine, orgId);
    await this.installations.uninstall(orgId, reason);
    return this.#view(await requireInstallation(this.engine, orgId));
  }

  #view(installation: Installation): ConnectionView {
    return {
      orgId: installation.orgId,
      status: installation.status,
      statusReason: installation.statusReason,
      portalId: installation.portalId,
      scopes: installation.hubspotScopes,
      installUrl: this.installations.installUrl(installation.orgId),
    };
  }
}
