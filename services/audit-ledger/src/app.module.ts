import { DynamicModule, Module } from '@nestjs/common';
import { serviceFoundation } from '@provenant/platform';
import type { AuditLedgerConfig } from './config';
import { LedgerTables1764300000000 } from './ledger/1764300000000-ledger-tables.migration';
import { LedgerIntegrityReadiness } from './ledger/ledger-integrity.readiness';
import { LedgerModule } from './ledger/ledger.module';
import { LineageEdges1764300000001 } from './lineage/1764300000001-lineage-edges.migration';
import { LineageModule } from './lineage/lineage.module';
import { AuditModule } from './audit/audit.module';
import { OpenLineageModule } from './openlineage/openlineage.module';
import { ReportsModule } from './reports/reports.module';

export const SERVICE_NAME = 'audit-ledger';

@Module({})
export class AppModule {
  static forRoot(config: AuditLedgerConfig): DynamicModule {
    // One instance of each, shared by the capabilities built on the log.
    const ledger = LedgerModule.forRoot(config);
    const lineage = LineageModule.forRoot(ledger);
    const audit = AuditModule.forRoot(lineage);
    return {
      module: AppModule,
      imports: [
        ...serviceFoundation(SERVICE_NAME, config, {
          readiness: [LedgerIntegrityReadiness],
          migrations: [LedgerTables1764300000000, LineageEdges1764300000001],
        }),
        ledger,
        lineage,
        audit,
        OpenLineageModule.forRoot(lineage),
        ReportsModule.forRoot(lineage, audit),
      ],
    };
  }
}
