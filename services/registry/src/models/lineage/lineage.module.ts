import { Module } from '@nestjs/common';
import { EnvVerificationHttpController } from './env-verification.http.controller';
import { GovernanceEvidenceProjection } from './governance-evidence.projection';
import { CreateLineageProjections1764400000001 } from './1764400000001-create-lineage-projections.migration';
import { EnvVerificationEntity, LedgerViolationEntity, RunLineageEntity } from './lineage.entities';
import { LineageEventsHandler } from './lineage-events.handler';
import { RunLineageHttpController } from './run-lineage.http.controller';
import { RunLineageProjection } from './run-lineage.projection';

/** The registry's projections of runs, environment verdicts and ledger violations. */
@Module({
  controllers: [LineageEventsHandler, RunLineageHttpController, EnvVerificationHttpController],
  providers: [RunLineageProjection, GovernanceEvidenceProjection],
})
export class LineageModule {
  static readonly entities = [RunLineageEntity, EnvVerificationEntity, LedgerViolationEntity];
  static readonly migrations = [CreateLineageProjections1764400000001];
}
