import type { Command } from 'commander';
import { registerHistoricalCommand } from './historical.command';
import { registerIngestCommand } from './ingest.command';
import { registerPlanApplyCommands } from './plan-apply.command';

/** `provenant features …`: definitions, ingestion and point-in-time training sets. */
export function registerFeatureCommands(program: Command): void {
  const features = program
    .command('features')
    .description('feature store: definitions, ingestion, training sets');
  registerPlanApplyCommands(features);
  registerIngestCommand(features);
  registerHistoricalCommand(features);
}
