import type { Experiment } from './experiment.store';

/** Experiment in MLflow's proto JSON (service.proto Experiment). */
export function toMlflowExperiment(e: Experiment) {
  return {
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags: e.tags,
  };
}
