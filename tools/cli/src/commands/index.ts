import type { Command } from 'commander';
import { registerDataCommands } from './data/data.command';
import { registerEnvCommands } from './env/env.command';
import { registerFeatureCommands } from './features';
import { registerLedgerCommands } from './ledger/ledger.command';
import { registerLineageCommands } from './lineage/lineage.command';
import { registerAuditCommands } from './audit/audit.command';
import { registerReportCommands } from './report/report.command';
import { registerMaterializeCommands } from './materialize/materialize.command';
import { registerOnlineCommands } from './online/online.command';
import { registerOutboxCommands } from './outbox/outbox.command';
import { registerModelsCommands } from './models/models.command';
import { registerRunsCommands } from './runs/runs.command';
import { registerServiceCommands } from './services/start.command';
import { registerStatusCommand } from './status/status.command';

/** Each capability registers its subcommands from its own folder. */
export function registerCommands(program: Command): void {
  registerStatusCommand(program);
  registerServiceCommands(program);
  registerEnvCommands(program);
  registerLedgerCommands(program);
  registerLineageCommands(program);
  registerAuditCommands(program);
  registerReportCommands(program);
  registerFeatureCommands(program);
  registerRunsCommands(program);
  registerModelsCommands(program);
  registerDataCommands(program);
  registerMaterializeCommands(program);
  registerOnlineCommands(program);
  registerOutboxCommands(program);
}
