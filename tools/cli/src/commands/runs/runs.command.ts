import type { Command } from 'commander';
import { registerRunsCompareCommand } from './compare.command';
import { registerRunsExportCommand } from './export.command';
import { registerRunLifecycleCommands } from './lifecycle.command';

/** `provenant runs …`: experiment tracking (the tracker's MLflow-compatible API and beyond). */
export function registerRunsCommands(program: Command): void {
  const runs = program
    .command('runs')
    .description('experiment runs: start, log, end, search, compare, export for git');
  registerRunLifecycleCommands(runs);
  registerRunsCompareCommand(runs);
  registerRunsExportCommand(runs);
}
