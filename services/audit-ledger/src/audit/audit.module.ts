import { DynamicModule, Module } from '@nestjs/common';
import { AuditHttpController } from './audit.http.controller';
import { AuditTrailUseCase } from './audit-trail.usecase';
import { ProofBundler } from './proof-bundle';

/** Audit trails per subject, with inclusion proofs. */
@Module({})
export class AuditModule {
  /** `lineage` is the app's LineageModule (event reader; it re-exports the ledger). */
  static forRoot(lineage: DynamicModule): DynamicModule {
    return {
      module: AuditModule,
      imports: [lineage],
      controllers: [AuditHttpController],
      providers: [ProofBundler, AuditTrailUseCase],
      exports: [ProofBundler],
    };
  }
}
