import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { RunLineageEntity } from './lineage/lineage.entities';
import { gitTagFor } from './git-tag';
import { artifactPathOf, datasetRefs, isSha256Digest, resolveArtifactDigest } from './model-artifact';
import { ModelVersionEntity, type SignatureJson } from './model.entities';
import { ModelEvents } from './model-events';
import { ModelRegistryStore } from './model-registry.store';
import { MlflowError } from '@provenant/platform';

export interface CreateModelVersionCommand {
  name: string;
  source: string;
  runId: string | null;
  runLink: string | null;
  description: string | null;
  tags: Record<string, string>;
  artifactDigest: string | null;
  signature: SignatureJson | null;
  /** Record `model/<name>/v<N>`: the run must have recorded the code commit the tag goes on. */
  gitTag: boolean;
}

/**
 * `model-versions/create`: the next version of a model, pinned to its run and artifact digest,
 * and ModelVersionRegistered citing the run, the artifact and the run's datasets.
 */
@Injectable()
export class CreateModelVersionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
    private readonly events: ModelEvents,
  ) {}

  execute(cmd: CreateModelVersionCommand, principal: Principal): Promise<ModelVersionEntity> {
    if (cmd.artifactDigest !== null && !isSha256Digest(cmd.artifactDigest))
      throw MlflowError.invalid(`Invalid value for parameter 'artifact_digest': must be sha256:<64 hex>.`);
    return this.dataSource.transaction(async (manager) => {
      await this.store.model(manager, cmd.name, true); // the lock serialises version numbers
      const version = await this.store.nextVersion(manager, cmd.name);
      const run = cmd.runId
        ? await manager.getRepository(RunLineageEntity).findOneBy({ runId: cmd.runId })
        : null;
      const artifactDigest =
        cmd.artifactDigest ?? resolveArtifactDigest(run, artifactPathOf(cmd.source, cmd.runId));
      if (cmd.gitTag && !run?.codeCommit)
        throw MlflowError.invalid(
          `Invalid value for parameter 'git_tag': ${cmd.runId ? `run ${cmd.runId} recorded no code commit` : 'a git tag needs run_id'}.`,
        );
      const gitTag = cmd.gitTag ? gitTagFor(cmd.name, version) : null;
      const now = new Date();
      const row = manager.getRepository(ModelVersionEntity).create({
        ...cmd,
        version,
        artifactDigest,
        gitTag,
        status: 'READY',
        archived: false,
        createdBy: principal.id,
        createdAt: now,
        updatedAt: now,
      });
      await manager.getRepository(ModelVersionEntity).insert(row);
      await manager.query(
        `UPDATE ${schemaOf(manager)}.registered_models SET updated_at = $2 WHERE name = $1`,
        [cmd.name, now],
      );
      await this.events.publish(manager, 'ModelVersionRegistered', {
        meta: this.events.metas.create({
          subject: subject('model', cmd.name),
          actor: actorOf(principal),
          used: [
            ...(cmd.runId ? [provRef.run(cmd.runId, 'producer')] : []),
            ...(artifactDigest ? [provRef.artifact(artifactDigest, 'model')] : []),
            ...datasetRefs(run),
          ],
          generated: [provRef.modelVersion(cmd.name, version, artifactDigest ?? undefined)],
        }),
        name: cmd.name,
        version,
        source: cmd.source,
        runId: cmd.runId,
        artifactDigest,
        signature: cmd.signature,
        status: 'READY',
        description: cmd.description,
        tags: cmd.tags,
        gitTag,
      });
      return row;
    });
  }
}

function schemaOf(manager: import('typeorm').EntityManager): string {
  return `"${manager.connection.getMetadata(ModelVersionEntity).schema ?? 'public'}"`;
}
