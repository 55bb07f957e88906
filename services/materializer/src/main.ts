import './tracing';
import {
  bootstrapService,
  connectEventConsumer,
  loadConfigOrExit,
  serviceIdentity,
} from '@provenant/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { materializerConfigSchema } from './config';
import { TrainingSetsModule } from './training-sets/training-sets.module';

const config = loadConfigOrExit(materializerConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  beforeListen: (app) => {
    TrainingSetsModule.configureHttp(app);
    connectEventConsumer(app, SERVICE_NAME, config, ['provenant.features.v1']);
  },
  description:
    'Streaming and batch materialization into the online store (Redis), online serving, point-in-time training sets and serving logs.',
});
