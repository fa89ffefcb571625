// `audit --org <org> [--status FAILED] [--object ...] [--direction ...] [--limit N]`: the newest
// audit entries as a table.
import type { AuditEntryView } from '../../sync/app/api-views.ts';
import { HELP, integer, OBJECTS, oneOf, optional, parseOptions, required, type OptionSpec } from '../args.ts';
import type { AdminCommand } from '../command.ts';
import { table, when } from '../table.ts';

const options: OptionSpec = {
  ...HELP,
  org: { type: 'string' },
  status: { type: 'string' },
  object: { type: 'string' },
  direction: { type: 'string' },
  limit: { type: 'string' },
};

const STATUSES = ['SUCCESS', 'FAILED', 'SKIPPED'] as const;
const DIRECTIONS = ['hubspot_to_thena', 'thena_to_hubspot'] as const;

function row(e: AuditEntryView): string[] {
  const record = e.direction === 'hubspot_to_thena' ? e.hubspotId : e.thenaId;
  return [
    String(e.id),
    when(e.at),
    e.object,
    e.direction === 'hubspot_to_thena' ? 'HS -> Thena' : 'Thena -> HS',
    e.status,
    e.action,
    record ?? '-',
    [e.errorCode, e.message].filter((part) => part !== null).join(': ') || '-',
  ];
}

export const audit: AdminCommand = {
  summary: 'the newest audit log entries',
  help: `Usage: thena-hubspot audit --org <org> [--status SUCCESS|FAILED|SKIPPED]
                          [--object contacts|companies]
                          [--direction hubspot_to_thena|thena_to_hubspot] [--limit N]

Prints the newest audit entries (20 unless --limit says otherwise, at most 500), newest first.`,
  options,
  async run({ api, io, args }) {
    const { values } = parseOptions(args, options);
    const org = required(values, 'org');
    const status = oneOf(optional(values, 'status')?.toUpperCase(), 'status', STATUSES);
    const object = oneOf(optional(values, 'object'), 'object', OBJECTS);
    const direction = oneOf(optional(values, 'direction'), 'direction', DIRECTIONS);
    const limit = integer(optional(values, 'limit'), 'limit', 1, 500) ?? 20;
    const page = await api.audit.page(org, {
      limit,
      ...(status === undefined ? {} : { status }),
      ...(object === undefined ? {} : { object }),
      ...(direction === undefined ? {} : { direction }),
    });
    if (page.entries.length === 0) {
      io.out('No audit entries match.');
      return 0;
    }
    const headers = ['ID', 'AT (UTC)', 'OBJECT', 'DIRECTION', 'STATUS', 'ACTION', 'RECORD', 'MESSAGE'];
    for (const line of table(headers, page.entries.map(row), 80)) io.out(line);
    return 0;
  },
};
