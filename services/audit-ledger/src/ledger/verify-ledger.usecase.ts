import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { subject, type LedgerIntegrityViolation } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import type { NoteSigner } from '@provenant/merkle';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { LedgerTables } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';
import { LEDGER_SIGNER } from './ledger-signer';
import { CheckpointRepository } from './checkpoint.repository';
import { MerkleNodeStore } from './merkle-node-store';
import { TreeRecomputation, type Violation } from './tree-recomputation';

export type VerificationResult =
  { ok: true; treeSize: number } | ({ ok: false; treeSize: number; violationId: string } & Violation);

/**
 * Recomputes the tree and records the outcome (append-only, read by /health/ready). A violation
 * is published as LedgerIntegrityViolation when it is new, i.e. the previous verification passed,
 * so a periodic check does not repeat the alarm every few minutes.
 */
@Injectable()
export class VerifyLedgerUseCase {
  private readonly metas: EventMetaFactory;
  private readonly log = new Logger(VerifyLedgerUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: MerkleNodeStore,
    private readonly checkpoints: CheckpointRepository,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
    @Inject(LEDGER_SIGNER) private readonly signer: NoteSigner,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(): Promise<VerificationResult> {
    const treeSize = await this.store.treeSize(this.dataSource);
    const violation = await new TreeRecomputation(this.dataSource, this.t, this.checkpoints, this.signer).run(
      treeSize,
    );
    return this.dataSource.transaction(async (manager) => {
      const [previous] = await manager.query(
        `SELECT ok FROM ${this.t.verifications} ORDER BY id DESC LIMIT 1`,
      );
      await manager.query(
        `INSERT INTO ${this.t.verifications} (tree_size, ok, kind, first_bad_index, expected, actual, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          treeSize,
          !violation,
          violation?.kind ?? null,
          violation?.firstBadIndex ?? null,
          violation?.expected ?? null,
          violation?.actual ?? null,
          violation?.detail ?? `${treeSize} leaves verified`,
        ],
      );
      if (!violation) return { ok: true as const, treeSize };
      const violationId = randomUUID();
      this.log.error({ msg: 'ledger integrity violation', ...violation, treeSize });
      if (previous?.ok !== false)
        await this.outbox.publish(manager, 'LedgerIntegrityViolation', {
          meta: this.metas.create({ subject: subject('ledger', this.signer.name) }),
          violationId,
          treeSize,
          ...violation,
        } satisfies LedgerIntegrityViolation);
      return { ok: false as const, treeSize, violationId, ...violation };
    });
  }
}
