// `orgs`: every organization that installed the app, and its HubSpot connection.
import { ADMIN } from '../../sync/app/api-auth.ts';
import { HELP, parseOptions } from '../args.ts';
import type { AdminCommand } from '../command.ts';
import { table } from '../table.ts';

export const orgs: AdminCommand = {
  summary: 'list the organizations and their HubSpot connection',
  help: `Usage: thena-hubspot orgs

Lists every organization that installed the app: its id, connection status and HubSpot portal.`,
  options: HELP,
  async run({ api, io, args }) {
    parseOptions(args, HELP);
    const list = await api.orgs.list(ADMIN);
    if (list.length === 0) {
      io.out('No organization has installed the app yet.');
      return 0;
    }
    const rows = list.map((o) => [o.orgId, o.status, o.portalId ?? '-']);
    for (const line of table(['ORG', 'STATUS', 'HUBSPOT PORTAL'], rows)) io.out(line);
    return 0;
  },
};
