import type { Command } from 'commander';
import { registerRunsCompareCommand } from './compare.command';
import { registerRunsExportCommand } from './export.command';

/** `provenant runs …`: experiment tracking (the tracker's MLflow-compatible API and beyond). */
export function registerRunsCommands(program: Command): void {
  const runs = program
    .command('runs')
    .description('experiment runs: compare two runs, export an experiment for git');
  registerRunsCompareCommand(runs);
  registerRunsExportCommand(runs);
}
