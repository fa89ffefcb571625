// Installations: one per Thena organization, linked to at most one HubSpot portal.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { Installation, InstallationStatus } from '../sync/model.ts';
import type { Database, InstallationRow } from './schema.ts';

export function toInstallation(row: InstallationRow): Installation {
  return {
    id: row.id,
    orgId: row.org_id,
    portalId: row.portal_id,
    status: row.status as InstallationStatus,
    statusReason: row.status_reason,
    thenaInstallationId: row.thena_installation_id,
    thenaBotId: row.thena_bot_id,
    hubspotScopes: row.hubspot_scopes === null ? [] : row.hubspot_scopes.split(' ').filter(Boolean),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class InstallationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Records Thena's app installation for an organization. A reinstall keeps the row (and so the
   * configuration and links); the HubSpot side stays as it was unless it had been uninstalled.
   */
  async recordThenaInstall(input: {
    orgId: string;
    thenaInstallationId: string | null;
    thenaBotId: string | null;
  }): Promise<Installation> {
    const now = this.clock.now();
    const existing = await this.getByOrg(input.orgId);
    if (existing === undefined) {
      const row: InstallationRow = {
        id: randomUUID(),
        org_id: input.orgId,
        portal_id: null,
        status: 'pending',
        status_reason: null,
        thena_installation_id: input.thenaInstallationId,
        thena_bot_id: input.thenaBotId,
        hubspot_scopes: null,
        created_at: now,
        updated_at: now,
      };
      await this.db.insertInto('installations').values(row).execute();
      return toInstallation(row);
    }
    const status = existing.status === 'uninstalled' ? 'pending' : existing.status;
    await this.db
      .updateTable('installations')
      .set({
        thena_installation_id: input.thenaInstallationId,
        thena_bot_id: input.thenaBotId,
        status,
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .execute();
    return (await this.getById(existing.id))!;
  }

  async getById(id: string): Promise<Installation | undefined> {
    const row = await this.db.selectFrom('installations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toInstallation(row);
  }

  async getByOrg(orgId: string): Promise<Installation | undefined> {
    const row = await this.db
      .selectFrom('installations')
      .selectAll()
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return row && toInstallation(row);
  }

  /** Installations connected to a HubSpot portal (webhooks arrive per portal). */
  async listByPortal(portalId: string): Promise<Installation[]> {
    const rows = await this.db
      .selectFrom('installations')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('status', '!=', 'uninstalled')
      .execute();
    return rows.map(toInstallation);
  }

  async list(): Promise<Installation[]> {
    const rows = await this.db.selectFrom('installations').selectAll().orderBy('created_at').execute();
    return rows.map(toInstallation);
  }

  async connectHubSpot(id: string, portalId: string, scopes: string[]): Promise<void> {
    await this.db
      .updateTable('installations')
      .set({
        portal_id: portalId,
        hubspot_scopes: scopes.join(' '),
        status: 'connected',
        status_reason: null,
        updated_at: this.clock.now(),
      })
      .where('id', '=', id)
      .execute();
  }

  async setStatus(id: string, status: InstallationStatus, reason: string | null = null): Promise<void> {
    await this.db
      .updateTable('installations')
      .set({ status, status_reason: reason, updated_at: this.clock.now() })
      .where('id', '=', id)
      .execute();
  }
}
