import type { Command } from 'commander';
import { registerEnvCommands } from './env/env.command';
import { registerLedgerCommands } from './ledger/ledger.command';
import { registerRunsCommands } from './runs/runs.command';
import { registerServiceCommands } from './services/start.command';
import { registerStatusCommand } from './status/status.command';

/** Each capability registers its subcommands from its own folder. */
export function registerCommands(program: Command): void {
  registerStatusCommand(program);
  registerServiceCommands(program);
  registerEnvCommands(program);
  registerRunsCommands(program);
  registerLedgerCommands(program);
}
