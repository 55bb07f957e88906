import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditLedgerConfig } from '../config';
import { LineageRecorder } from '../lineage/lineage-recorder';
import { AppendEventsUseCase } from './append-events.usecase';
import { CheckpointRepository } from './checkpoint.repository';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { LedgerConsumer } from './ledger-consumer';
import { LEDGER_SIGNER, loadLedgerSigner } from './ledger-signer';
import { ledgerTables, type LedgerTables } from './ledger-tables';
import { LEDGER_CONFIG, LEDGER_TABLES } from './ledger.tokens';
import { LedgerFastRoutes } from './ledger-fast-routes';
import { LedgerHttpController } from './ledger.http.controller';
import { LedgerProofsUseCase } from './ledger-proofs.usecase';
import { ListEntriesUseCase } from './list-entries.usecase';
import { MerkleNodeStore } from './merkle-node-store';
import { SignCheckpointUseCase } from './sign-checkpoint.usecase';
import { VerificationScheduler } from './verification-scheduler';
import { VerifyLedgerUseCase } from './verify-ledger.usecase';

/** The Merkle log: consumption, signed checkpoints, proofs, verification. */
@Module({})
export class LedgerModule {
  static forRoot(config: AuditLedgerConfig): DynamicModule {
    return {
      module: LedgerModule,
      controllers: [LedgerHttpController],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: LEDGER_TABLES, useValue: ledgerTables(config.DATABASE_SCHEMA) },
        {
          provide: LEDGER_SIGNER,
          inject: [DataSource, LEDGER_TABLES],
          useFactory: (ds: DataSource, t: LedgerTables) =>
            loadLedgerSigner(ds, t, config.LEDGER_ORIGIN, config.LEDGER_SIGNING_KEY),
        },
        MerkleNodeStore,
        CheckpointRepository,
        LineageRecorder,
        AppendEventsUseCase,
        SignCheckpointUseCase,
        CheckpointScheduler,
        LedgerConsumer,
        ListEntriesUseCase,
        LedgerProofsUseCase,
        LedgerFastRoutes,
        VerifyLedgerUseCase,
        VerificationScheduler,
      ],
      exports: [
        LEDGER_CONFIG,
        LEDGER_TABLES,
        LEDGER_SIGNER,
        MerkleNodeStore,
        CheckpointRepository,
        LedgerProofsUseCase,
      ],
    };
  }
}
