import type { INestApplication } from '@nestjs/common';
import { connectEventConsumer } from '@provenant/platform';
import type { RegistryConfig } from '../config';

/**
 * What main.ts (and the tests) attach before listening: the registry learns runs, environment
 * verdicts, ledger integrity violations and training sets from their topics, never from other services' tables.
 */
export function attachRegistryConsumer(app: INestApplication, config: RegistryConfig): void {
  connectEventConsumer(app, 'registry', config, [
    'provenant.runs.v1',
    'provenant.environments.v1',
    'provenant.ledger.v1',
    'provenant.datasets.v1', // TrainingSetCreated; the registry's own DatasetVersionRegistered is ignored
  ]);
}
