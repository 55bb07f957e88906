import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { provRef, subject } from '@provenant/contracts';
import { byPath, dvcDirMd5, merkleRoot, totalBytes } from '@provenant/dataset-hashing';
import type { Principal } from '@provenant/platform';
import { ModelEvents } from '../models/model-events';
import { DatasetVersionEntity } from './dataset-version.entity';
import type { RegisterDatasetBody } from './register-dataset.dto';

export interface RegisterResult {
  created: boolean;
  version: DatasetVersionEntity;
}

/**
 * Registers a manifest as the next version of a dataset (DatasetVersionRegistered), unless its
 * Merkle root equals the latest version's: re-adding unchanged content creates nothing.
 */
@Injectable()
export class RegisterDatasetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ModelEvents,
  ) {}

  execute(body: RegisterDatasetBody, principal: Principal): Promise<RegisterResult> {
    const entries = [...body.entries].sort(byPath);
    const digest = merkleRoot(entries);
    const single = entries.length === 1 && entries[0].path === '';
    const dvcMd5 = single ? entries[0].md5 : dvcDirMd5(entries);
    if (body.dvc_md5 !== undefined && body.dvc_md5 !== dvcMd5)
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: [`dvc_md5: DVC recorded ${body.dvc_md5} but the manifest hashes to ${dvcMd5}`],
      });
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(DatasetVersionEntity);
      // Serialise versions of one name (an advisory lock: there may be no row to lock yet).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dataset:${body.name}`]);
      const latest = await repo.findOne({ where: { name: body.name }, order: { version: 'DESC' } });
      if (latest?.digest === digest) return { created: false, version: latest };
      const row = repo.create({
        name: body.name,
        version: (latest?.version ?? 0) + 1,
        digest,
        dvcMd5,
        origin: body.origin ?? (single ? 'FILE' : 'DIRECTORY'),
        path: body.path,
        fileCount: entries.length,
        totalBytes: totalBytes(entries),
        manifest: entries,
        createdBy: principal.id,
        createdAt: new Date(),
      });
      await repo.insert(row);
      await this.events.publish(manager, 'DatasetVersionRegistered', {
        meta: this.events.metas.create({
          subject: subject('dataset', body.name),
          actor: actorOf(principal),
          used: [
            ...(latest ? [provRef.dataset(latest.name, latest.digest, 'previous')] : []),
            // DVC deps by their DVC hash (`md5:<hex>`), the same node whoever references the file.
            ...(body.used ?? []).map((d) =>
              provRef.source(`dvc:${d.path}`, `md5:${d.md5.replace(/\.dir$/, '')}`, 'input'),
            ),
          ],
          generated: [provRef.dataset(body.name, digest)],
        }),
        datasetName: body.name,
        version: row.version,
        digest,
        origin: row.origin,
        path: body.path,
        fileCount: row.fileCount,
        totalBytes: row.totalBytes,
        dvcMd5,
        trainingSetId: null,
        previousVersion: latest?.version ?? null,
        dvcStage: body.dvc_stage ?? null,
        description: null,
        tags: {},
      });
      return { created: true, version: row };
    });
  }
}
