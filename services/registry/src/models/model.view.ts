import { STAGES, stageOf } from './stages';
import { mapToTags } from './mlflow-request';
import type { ModelAliasEntity, ModelVersionEntity, RegisteredModelEntity } from './model.entities';

/** MLflow ModelVersion (model_registry.proto); `version` travels as a string. */
export function modelVersionJson(v: ModelVersionEntity, aliases: ModelAliasEntity[]) {
  const mine = aliases.filter((a) => a.name === v.name && a.version === v.version).map((a) => a.alias);
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.createdAt.getTime(),
    last_updated_timestamp: v.updatedAt.getTime(),
    user_id: v.createdBy,
    current_stage: stageOf(mine, v.archived),
    description: v.description ?? '',
    source: v.source,
    run_id: v.runId ?? '',
    run_link: v.runLink ?? '',
    status: v.status,
    status_message: '',
    tags: mapToTags(v.tags),
    aliases: mine,
    // Provenant extensions, ignored by MLflow clients.
    artifact_digest: v.artifactDigest,
    signature: v.signature,
    git_tag: v.gitTag,
  };
}

/** MLflow RegisteredModel, with the latest version per stage as `latest_versions`. */
export function registeredModelJson(
  m: RegisteredModelEntity,
  versions: ModelVersionEntity[],
  aliases: ModelAliasEntity[],
) {
  const latest = STAGES.map((stage) =>
    versions
      .filter((v) => modelVersionJson(v, aliases).current_stage === stage)
      .reduce<ModelVersionEntity | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined),
  ).filter((v): v is ModelVersionEntity => v !== undefined);
  return {
    name: m.name,
    creation_timestamp: m.createdAt.getTime(),
    last_updated_timestamp: m.updatedAt.getTime(),
    user_id: m.createdBy,
    description: m.description ?? '',
    latest_versions: latest.map((v) => modelVersionJson(v, aliases)),
    tags: mapToTags(m.tags),
    aliases: aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  };
}
