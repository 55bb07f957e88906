import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact.store';
import { TrackerTables } from '../persistence/tracker-tables';
import { RunStore } from '../runs/run.store';

/**
 * Everything a run depended on and produced, by digest: code (commit, dirty flag, diff digest),
 * data (dataset inputs), environment fingerprint, parent and child runs, artifacts.
 */
@Injectable()
export class RunProvenanceUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly t: TrackerTables,
    private readonly runs: RunStore,
    private readonly artifacts: ArtifactStore,
  ) {}

  async execute(runId: string) {
    const run = await this.runs.get(this.db.manager, runId);
    const children: { run_id: string }[] = await this.db.query(
      `SELECT run_id FROM ${this.t.runs} WHERE parent_run_id = $1 ORDER BY start_time, run_id`,
      [runId],
    );
    const { info } = run;
    return {
      runId,
      experimentId: info.experimentId,
      runName: info.runName,
      status: info.status,
      code: info.codeCommit
        ? { commit: info.codeCommit, dirty: info.codeDirty, diffDigest: info.codeDiffDigest }
        : null,
      environmentFingerprint: info.environmentFingerprint,
      datasets: run.inputs.map((i) => ({
        name: i.name,
        digest: i.digest,
        context: i.context,
        sourceType: i.sourceType,
      })),
      parentRunId: info.parentRunId,
      childRunIds: children.map((c) => c.run_id),
      params: Object.fromEntries(run.params.map((p) => [p.key, p.value])),
      metrics: Object.fromEntries(run.metrics.map((m) => [m.key, m.value])),
      artifacts: await this.artifacts.ofRun(this.db.manager, runId),
    };
  }
}
