import './tracing';
import { bootstrapService, loadConfigOrExit, serviceIdentity } from '@provenant/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { envVerifierConfigSchema } from './config';
import { configureHttp } from './http-setup';

const config = loadConfigOrExit(envVerifierConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  description:
    'Environment fingerprints, parity checks and reproducibility checks with provenance statements.',
  beforeListen: configureHttp,
});
