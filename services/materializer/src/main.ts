import './tracing';
import { bootstrapService, loadConfigOrExit, serviceIdentity } from '@provenant/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { materializerConfigSchema } from './config';

const config = loadConfigOrExit(materializerConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  description:
    'Streaming and batch materialization into the online store (Redis), online serving, point-in-time training sets and serving logs.',
});
