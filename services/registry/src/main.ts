import './tracing';
import { bootstrapService, loadConfigOrExit, serviceIdentity } from '@provenant/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { registryConfigSchema } from './config';
import { configureRegistryHttp } from './datasets/registry-http';
import { attachRegistryConsumer } from './promotion/registry-consumer';

const config = loadConfigOrExit(registryConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  beforeListen: (app) => {
    configureRegistryHttp(app);
    attachRegistryConsumer(app, config);
  },
  description:
    'The catalog of versioned things: feature definitions, dataset versions, registered models, model versions, aliases, model cards and governed promotion.',
});
