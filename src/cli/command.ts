// The shape of an admin command: its help, its options, and what it does with the services.
import type { ApiServices } from '../sync/app/api.ts';
import type { OptionSpec } from './args.ts';
import type { CliIo } from './io.ts';

export interface CommandContext {
  api: ApiServices;
  io: CliIo;
  args: readonly string[];
  /** How often `sync --wait` looks at its run. */
  pollMs: number;
}

export interface AdminCommand {
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  options: OptionSpec;
  /** Returns the process's exit code. */
  run(context: CommandContext): Promise<number>;
}
