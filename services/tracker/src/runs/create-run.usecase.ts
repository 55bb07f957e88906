import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { ExperimentStore } from '../experiments/experiment.store';
import { validateKey, validateValueLength } from '../mlflow/mlflow-names';
import { TrackerEvents } from '../persistence/tracker-events';
import { PROVENANCE_TAGS, provenanceFromTags, provenanceRefs } from '../provenance/provenance-tags';
import { randomRunName } from './run-names';
import type { Run, RunInfo } from './run.model';
import { RunStore } from './run.store';
import { type KeyValueInput } from '@provenant/platform';

export interface CreateRunCommand {
  experimentId: string;
  runName?: string;
  startTime?: number;
  userId?: string;
  tags: KeyValueInput[];
  principal: Principal;
}

@Injectable()
export class CreateRunUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly experiments: ExperimentStore,
    private readonly runs: RunStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(cmd: CreateRunCommand): Promise<Run> {
    cmd.tags.forEach((t, i) => {
      validateKey('tag', `tags[${i}].key`, t.key);
      validateValueLength('tag', `tags[${i}].value`, t.key, t.value);
    });
    const tags = new Map(cmd.tags.map((t) => [t.key, t.value]));
    // As MLflow: the name comes from run_name, else the mlflow.runName tag, else is generated,
    // and is kept in the tag too; the user likewise.
    const runName = cmd.runName || tags.get(PROVENANCE_TAGS.runName) || randomRunName();
    tags.set(PROVENANCE_TAGS.runName, runName);
    const userId = cmd.userId || tags.get(PROVENANCE_TAGS.user) || cmd.principal.id;
    const provenance = provenanceFromTags(tags);
    const runId = uuidv7().replace(/-/g, '');

    return this.db.transaction(async (tx) => {
      // Its row only: a run needs the experiment's id, state and artifact location, not its tags.
      const experiment = await this.experiments.getActive(tx, cmd.experimentId, false);
      const info: RunInfo = {
        runId,
        experimentId: experiment.experimentId,
        runName,
        userId,
        status: 'RUNNING',
        startTime: cmd.startTime ?? Date.now(),
        endTime: null,
        lifecycleStage: 'active',
        artifactUri: `${experiment.artifactLocation}/${runId}/artifacts`,
        ...provenance,
      };
      const tagList = [...tags].map(([key, value]) => ({ key, value }));
      await this.runs.insert(tx, info, tagList);
      await this.events.publish(tx, [
        this.events.event(
          'RunStarted',
          {
            subject: subject('run', runId),
            principal: cmd.principal,
            used: [provRef.experiment(experiment.experimentId), ...provenanceRefs(provenance)],
            generated: [provRef.run(runId)],
          },
          {
            runId,
            experimentId: info.experimentId,
            runName,
            startTime: info.startTime * 1000,
            userId,
            parentRunId: provenance.parentRunId,
            tags: tagList,
            environmentFingerprint: provenance.environmentFingerprint,
            code: provenance.codeCommit
              ? {
                  commit: provenance.codeCommit,
                  repoUrl: tags.get('mlflow.source.git.repoURL') ?? null,
                  branch: tags.get('mlflow.source.git.branch') ?? null,
                  dirty: provenance.codeDirty ?? false,
                  diffDigest: provenance.codeDiffDigest,
                }
              : null,
          },
        ),
      ]);
      return {
        info,
        params: [],
        tags: tagList.sort((a, b) => a.key.localeCompare(b.key)),
        metrics: [],
        inputs: [],
      };
    });
  }
}
