import './tracing';
import { bootstrapService, loadConfigOrExit, serviceIdentity } from '@provenant/platform';
import { AppModule, attachIngestion, SERVICE_NAME } from './app.module';
import { featureIngestConfigSchema } from './config';

const config = loadConfigOrExit(featureIngestConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  beforeListen: (app) => attachIngestion(app, config),
  description:
    'Feature ingestion into the bitemporal offline store (PostgreSQL): HTTP push, the Kafka data-plane topic and bulk backfills, with validation and quarantine.',
});
