import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { provRef, subject, type LedgerCheckpointSigned } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { formatCheckpoint, keyIdHex, type NoteSigner } from '@provenant/merkle';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import { CHECKPOINT_LOCK, type LedgerTables } from './ledger-tables';
import { LEDGER_TABLES } from './ledger.tokens';
import { LEDGER_SIGNER } from './ledger-signer';
import { MerkleNodeStore } from './merkle-node-store';

export interface SignedCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  note: string;
}

/**
 * Signs a checkpoint (C2SP tlog-checkpoint in a signed note) over the committed tree, when it grew
 * since the last one, and publishes LedgerCheckpointSigned in the same transaction.
 */
@Injectable()
export class SignCheckpointUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: MerkleNodeStore,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
    @Inject(LEDGER_SIGNER) private readonly signer: NoteSigner,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  /** The new checkpoint, or null when the tree has not grown (tree size 0 is signed once). */
  async execute(): Promise<SignedCheckpoint | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_LOCK]);
      const [last] = await manager.query(`SELECT max(tree_size) AS n FROM ${this.t.checkpoints}`);
      const previous = last.n === null ? null : Number(last.n);
      const treeSize = await this.store.treeSize(manager);
      if (previous !== null && treeSize <= previous) return null;
      const rootHash = await this.store.root(manager, treeSize);
      const origin = this.signer.name;
      const note = this.signer.sign(formatCheckpoint({ origin, treeSize, rootHash, extensions: [] }));
      const keyId = keyIdHex(this.signer.keyId);
      await manager.query(
        `INSERT INTO ${this.t.checkpoints} (tree_size, root_hash, note, key_id) VALUES ($1, $2, $3, $4)`,
        [treeSize, rootHash, note, keyId],
      );
      await this.outbox.publish(manager, 'LedgerCheckpointSigned', {
        meta: this.metas.create({
          subject: subject('ledger', origin),
          generated: [provRef.checkpoint(origin, treeSize)],
        }),
        origin,
        treeSize,
        rootHash: rootHash.toString('hex'),
        note,
        keyName: origin,
        keyId,
        previousTreeSize: previous,
      } satisfies LedgerCheckpointSigned);
      return { treeSize, rootHash, note };
    });
  }
}
