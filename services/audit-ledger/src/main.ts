import './tracing';
import { bootstrapService, loadConfigOrExit, serviceIdentity } from '@provenant/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { auditLedgerConfigSchema } from './config';

const config = loadConfigOrExit(auditLedgerConfigSchema);

void bootstrapService({
  identity: serviceIdentity(SERVICE_NAME, config.INSTANCE_ID),
  module: AppModule.forRoot(config),
  host: config.HOST,
  port: config.PORT,
  description:
    'The append-only RFC 9162 Merkle log of every event, signed checkpoints and proofs, lineage graph, audit trails and reproducibility reports.',
});
