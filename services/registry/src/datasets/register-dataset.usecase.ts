import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { provRef } from '@provenant/contracts';
import { byPath, dvcDirMd5, merkleRoot, totalBytes } from '@provenant/dataset-hashing';
import type { Principal } from '@provenant/platform';
import { DatasetVersionWriter, type AppendResult } from './dataset-version.writer';
import type { RegisterDatasetBody } from './register-dataset.dto';

/**
 * Registers a manifest as the next version of a dataset (DatasetVersionRegistered), unless its
 * Merkle root equals the latest version's: re-adding unchanged content creates nothing.
 */
@Injectable()
export class RegisterDatasetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: DatasetVersionWriter,
  ) {}

  execute(body: RegisterDatasetBody, principal: Principal): Promise<AppendResult> {
    const entries = [...body.entries].sort(byPath);
    const digest = merkleRoot(entries);
    const single = entries.length === 1 && entries[0].path === '';
    const dvcMd5 = single ? entries[0].md5 : dvcDirMd5(entries);
    if (body.dvc_md5 !== undefined && body.dvc_md5 !== dvcMd5)
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: [`dvc_md5: DVC recorded ${body.dvc_md5} but the manifest hashes to ${dvcMd5}`],
      });
    return this.dataSource.transaction((manager) =>
      this.writer.append(manager, {
        name: body.name,
        digest,
        dvcMd5,
        origin: body.origin ?? (single ? 'FILE' : 'DIRECTORY'),
        path: body.path,
        fileCount: entries.length,
        totalBytes: totalBytes(entries),
        manifest: entries,
        trainingSetId: null,
        createdBy: principal.id,
        actor: actorOf(principal),
        // DVC deps by their DVC hash (`md5:<hex>`), the same node whoever references the file.
        used: (body.used ?? []).map((d) =>
          provRef.source(`dvc:${d.path}`, `md5:${d.md5.replace(/\.dir$/, '')}`, 'input'),
        ),
        dvcStage: body.dvc_stage ?? null,
      }),
    );
  }
}
