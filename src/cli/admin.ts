// The operator's commands (orgs, status, sync, audit, token): they use the API's services
// directly on the database, so they work whether or not a server runs. Errors are one line.
import type { ApiServices } from '../sync/app/api.ts';
import { isAppError } from '../sync/errors.ts';
import { UsageError } from './args.ts';
import type { AdminCommand } from './command.ts';
import { audit } from './commands/audit.ts';
import { orgs } from './commands/orgs.ts';
import { status } from './commands/status.ts';
import { sync } from './commands/sync.ts';
import { token } from './commands/token.ts';
import type { CliIo } from './io.ts';

export const ADMIN_COMMANDS: Record<string, AdminCommand> = { orgs, status, sync, audit, token };

export function isHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** Runs `name` with `args`; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function runAdminCommand(
  api: ApiServices,
  name: string,
  args: readonly string[],
  io: CliIo,
  pollMs = 500,
): Promise<number> {
  const command = ADMIN_COMMANDS[name];
  if (command === undefined) {
    io.err(`error: unknown command "${name}"`);
    return 2;
  }
  try {
    return await command.run({ api, io, args, pollMs });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message} (see thena-hubspot ${name} --help)`);
      return 2;
    }
    // Expected failures (unknown org, not connected, ...) carry a message meant for people.
    if (isAppError(err)) {
      io.err(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
