import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { BlobStore } from '@provenant/blob-store';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { TrackerEvents } from '../persistence/tracker-events';
import { TrackerTables } from '../persistence/tracker-tables';
import { ArtifactStore } from './artifact.store';
import { runOfArtifactPath, safeArtifactPath } from './artifact-path';

export interface PutArtifactCommand {
  path: string;
  content: Readable;
  contentType: string | null;
  principal: Principal;
}

/**
 * mlflow-artifacts PUT: the bytes go to the blob store first (content-addressed, so a retry or a
 * second copy costs nothing), then the index row and ArtifactLogged commit together.
 */
@Injectable()
export class PutArtifactUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly t: TrackerTables,
    private readonly blobs: BlobStore,
    private readonly artifacts: ArtifactStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(cmd: PutArtifactCommand): Promise<{ digest: string; sizeBytes: number }> {
    const path = safeArtifactPath(cmd.path);
    const blob = await this.blobs.put(cmd.content);
    const target = runOfArtifactPath(path);
    await this.db.transaction(async (tx) => {
      const [run] = target
        ? await tx.query(`SELECT run_id FROM ${this.t.runs} WHERE run_id = $1 AND experiment_id = $2`, [
            target.runId,
            target.experimentId,
          ])
        : [];
      await this.artifacts.upsert(tx, {
        path,
        runId: run ? target!.runId : null,
        ...blob,
        contentType: cmd.contentType,
      });
      if (!run) return;
      await this.events.publish(tx, [
        this.events.event(
          'ArtifactLogged',
          {
            subject: subject('run', target!.runId),
            principal: cmd.principal,
            generated: [provRef.artifact(blob.digest, target!.relative)],
          },
          {
            runId: target!.runId,
            path: target!.relative,
            digest: blob.digest,
            sizeBytes: blob.sizeBytes,
            contentType: cmd.contentType,
          },
        ),
      ]);
    });
    return blob;
  }
}
