import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TrainingSetCreated } from '@provenant/contracts';
import { DatasetVersionEntity } from './dataset-version.entity';
import { DatasetVersionWriter } from './dataset-version.writer';
import { datasetName } from './register-dataset.dto';

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * A training set built by the materializer becomes a version of the dataset it was named for.
 * Its digest is the one TrainingSetCreated published (SHA-256 of the file's bytes), not a Merkle
 * root: the registry never sees the file, and lineage must meet the materializer's `generated`
 * reference at the same node. Idempotent per training set id, on top of the consumer's event ids.
 */
@Injectable()
export class RegisterTrainingSetUseCase {
  constructor(private readonly writer: DatasetVersionWriter) {}

  async execute(event: TrainingSetCreated, manager: EntityManager): Promise<void> {
    // A malformed event is retried, then dead-lettered with this message; nothing is written.
    if (!datasetName.safeParse(event.name).success)
      throw new Error(`TrainingSetCreated.name: not a dataset name: ${JSON.stringify(event.name)}`);
    if (!SHA256_DIGEST.test(event.digest))
      throw new Error(`TrainingSetCreated.digest: must be sha256:<64 hex>, got ${event.digest}`);
    if (!event.trainingSetId) throw new Error('TrainingSetCreated.trainingSetId: must not be empty');
    const seen = await manager
      .getRepository(DatasetVersionEntity)
      .existsBy({ trainingSetId: event.trainingSetId });
    if (seen) return;
    await this.writer.append(manager, {
      name: event.name,
      digest: event.digest,
      dvcMd5: null,
      origin: 'TRAINING_SET',
      path: null,
      fileCount: 1,
      // TrainingSetCreated carries no byte size; 0 stands for "not known" (docs/registry.md).
      totalBytes: 0,
      manifest: [],
      trainingSetId: event.trainingSetId,
      createdBy: event.meta.actor.principal,
      actor: event.meta.actor,
      used: [],
      dvcStage: null,
      causedBy: event.meta,
    });
  }
}
