// `status --org <org> [--object contacts|companies]`: counts on both sides and the recent runs.
import type { ObjectStatusView } from '../../sync/app/api-views.ts';
import type { ObjectType } from '../../sync/model.ts';
import { HELP, OBJECTS, oneOf, optional, parseOptions, required, type OptionSpec } from '../args.ts';
import type { AdminCommand } from '../command.ts';
import { count, table, when } from '../table.ts';

const options: OptionSpec = { ...HELP, org: { type: 'string' }, object: { type: 'string' } };

function describe(status: ObjectStatusView): string[] {
  const lines = [
    `${status.object}: sync ${status.enabled ? 'on' : 'off'}, HubSpot ${status.connection}`,
    `  in HubSpot       ${count(status.hubspotTotal)}`,
    `  synced to Thena  ${count(status.synced)}`,
    `  failed           ${count(status.failed)}`,
    `  excluded         ${count(status.excluded)}`,
  ];
  if (status.recentRuns.length === 0) return [...lines, '  no sync run yet'];
  const rows = status.recentRuns.map((r) => [
    when(r.createdAt),
    r.trigger,
    r.direction === 'hubspot_to_thena' ? 'HubSpot -> Thena' : 'Thena -> HubSpot',
    r.state,
    r.progress === null ? '-' : `${Math.floor(r.progress * 100)}%`,
    count(r.seen),
    count(r.created),
    count(r.updated),
    count(r.failed),
  ]);
  const headers = [
    'STARTED (UTC)',
    'TRIGGER',
    'DIRECTION',
    'STATE',
    'DONE',
    'SEEN',
    'CREATED',
    'UPDATED',
    'FAILED',
  ];
  return [...lines, '', ...table(headers, rows).map((line) => `  ${line}`)];
}

export const status: AdminCommand = {
  summary: 'sync status of an organization',
  help: `Usage: thena-hubspot status --org <org> [--object contacts|companies]

Shows, per object, how many records HubSpot holds, how many are synced to Thena, failed or
excluded by the filters, and the recent sync runs.`,
  options,
  async run({ api, io, args }) {
    const { values } = parseOptions(args, options);
    const org = required(values, 'org');
    const object = oneOf(optional(values, 'object'), 'object', OBJECTS);
    const objects: ObjectType[] = object === undefined ? [...OBJECTS] : [object];
    for (const [i, objectType] of objects.entries()) {
      if (i > 0) io.out('');
      for (const line of describe(await api.sync.status(org, objectType))) io.out(line);
    }
    return 0;
  },
};
