import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { provRef, subject, type DvcStage, type EventMeta, type ProvRef } from '@provenant/contracts';
import type { MetaInput } from '@provenant/events';
import { ModelEvents } from '../models/model-events';
import { DatasetVersionEntity } from './dataset-version.entity';

/** A version to append, whatever produced it (an upload, a DVC import, a training set). */
export interface NewDatasetVersion extends Pick<
  DatasetVersionEntity,
  'name' | 'digest' | 'dvcMd5' | 'origin' | 'path' | 'fileCount' | 'totalBytes' | 'manifest' | 'trainingSetId'
> {
  createdBy: string;
  actor: MetaInput['actor'];
  /** Inputs of the producing activity, beyond the previous version. */
  used: ProvRef[];
  dvcStage: DvcStage | null;
  causedBy?: Pick<EventMeta, 'eventId' | 'correlationId'>;
}

export interface AppendResult {
  created: boolean;
  version: DatasetVersionEntity;
}

/**
 * Appends the next version of a dataset and its DatasetVersionRegistered in the caller's
 * transaction, unless the digest equals the latest version's: unchanged content creates nothing.
 */
@Injectable()
export class DatasetVersionWriter {
  constructor(private readonly events: ModelEvents) {}

  async append(manager: EntityManager, v: NewDatasetVersion): Promise<AppendResult> {
    const repo = manager.getRepository(DatasetVersionEntity);
    // Serialise versions of one name (an advisory lock: there may be no row to lock yet).
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dataset:${v.name}`]);
    const latest = await repo.findOne({ where: { name: v.name }, order: { version: 'DESC' } });
    if (latest?.digest === v.digest) return { created: false, version: latest };
    const { actor, used, dvcStage, causedBy, ...columns } = v;
    const row = repo.create({ ...columns, version: (latest?.version ?? 0) + 1, createdAt: new Date() });
    await repo.insert(row);
    await this.events.publish(manager, 'DatasetVersionRegistered', {
      meta: this.events.metas.create({
        subject: subject('dataset', v.name),
        actor,
        causedBy,
        used: [...(latest ? [provRef.dataset(latest.name, latest.digest, 'previous')] : []), ...used],
        generated: [provRef.dataset(v.name, v.digest)],
      }),
      datasetName: v.name,
      version: row.version,
      digest: v.digest,
      origin: v.origin,
      path: v.path,
      fileCount: v.fileCount,
      totalBytes: v.totalBytes,
      dvcMd5: v.dvcMd5,
      trainingSetId: v.trainingSetId,
      previousVersion: latest?.version ?? null,
      dvcStage,
      description: null,
      tags: {},
    });
    return { created: true, version: row };
  }
}
