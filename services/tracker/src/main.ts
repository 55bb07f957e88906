import './tracing';
import { bootstrapService, loadConfigOrExit, serviceIdentity } from '@provenant/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { trackerConfigSchema } from './config';
import { configureTrackerHttp } from './http-setup';

const config = loadConfigOrExit(trackerConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  description:
    'Experiment tracking (experiments, runs, params, metrics, tags, artifacts) with an MLflow-compatible REST API.',
  bodyParser: false, // configureTrackerHttp registers the parsers, leaving artifact uploads unread
  beforeListen: (app) => configureTrackerHttp(app),
});
