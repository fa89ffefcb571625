// `token create|list|revoke`: the org-scoped API tokens. A new token is printed once, here.
import { HELP, parseOptions, required, optional, UsageError, type OptionSpec } from '../args.ts';
import type { AdminCommand, CommandContext } from '../command.ts';
import { table, when } from '../table.ts';

const options: OptionSpec = {
  ...HELP,
  org: { type: 'string' },
  label: { type: 'string' },
  id: { type: 'string' },
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

async function create({ api, io }: CommandContext, org: string, label: string | null): Promise<number> {
  // Refuse typos: a token of an org that never installed the app would open nothing.
  await api.orgs.connection(org);
  const { token, secret } = await api.tokens.create(org, label);
  io.out(secret);
  io.err(`Created token ${token.id} for organization ${org}. It is shown only this once: keep it safe.`);
  return 0;
}

async function list({ api, io }: CommandContext, org: string): Promise<number> {
  const tokens = await api.tokens.list(org);
  if (tokens.length === 0) {
    io.out(`Organization ${org} has no API token.`);
    return 0;
  }
  const rows = tokens.map((t) => [
    t.id,
    t.label ?? '-',
    when(iso(t.createdAt)),
    when(iso(t.lastUsedAt)),
    t.revokedAt === null ? 'active' : `revoked ${when(iso(t.revokedAt))}`,
  ]);
  for (const line of table(['ID', 'LABEL', 'CREATED (UTC)', 'LAST USED', 'STATE'], rows)) io.out(line);
  return 0;
}

export const token: AdminCommand = {
  summary: 'create, list or revoke organization API tokens',
  help: `Usage: thena-hubspot token create --org <org> [--label <label>]
       thena-hubspot token list --org <org>
       thena-hubspot token revoke --id <token id>

An organization's token lets the configuration page and API clients see that organization only.
\`create\` prints the new token on stdout, once: only its hash is stored.`,
  options,
  async run(context) {
    const { values, positionals } = parseOptions(context.args, options);
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    switch (action) {
      case 'create':
        return create(context, required(values, 'org'), optional(values, 'label') ?? null);
      case 'list':
        return list(context, required(values, 'org'));
      case 'revoke': {
        const revoked = await context.api.tokens.revoke(required(values, 'id'));
        context.io.out(`Token ${revoked.id} of organization ${revoked.orgId} is revoked.`);
        return 0;
      }
      default:
        throw new UsageError(
          action === undefined ? 'say create, list or revoke' : `unknown action "${action}"`,
        );
    }
  },
};
