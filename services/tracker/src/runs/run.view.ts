import type { Run, RunInfo } from './run.model';
import { jsonDouble } from '@provenant/platform';

/** RunInfo in MLflow's proto JSON (service.proto RunInfo); run_uuid is the deprecated alias. */
export function toMlflowRunInfo(info: RunInfo) {
  return {
    run_id: info.runId,
    run_uuid: info.runId,
    run_name: info.runName,
    experiment_id: info.experimentId,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime,
    ...(info.endTime === null ? {} : { end_time: info.endTime }),
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
  };
}

export function toMlflowRun(run: Run) {
  return {
    info: toMlflowRunInfo(run.info),
    data: {
      metrics: run.metrics.map((m) => ({
        key: m.key,
        value: jsonDouble(m.value),
        timestamp: m.timestamp,
        step: m.step,
      })),
      params: run.params,
      tags: run.tags,
    },
    inputs: {
      dataset_inputs: run.inputs.map((i) => ({
        tags: i.tags,
        dataset: {
          name: i.name,
          digest: i.digest,
          source_type: i.sourceType,
          source: i.source,
          ...(i.schema === null ? {} : { schema: i.schema }),
          ...(i.profile === null ? {} : { profile: i.profile }),
        },
      })),
    },
  };
}
