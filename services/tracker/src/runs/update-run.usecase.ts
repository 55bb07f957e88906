import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { provRef, subject, type RunStatus } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { ArtifactStore } from '../artifacts/artifact.store';
import { TrackerEvents } from '../persistence/tracker-events';
import { datasetRef } from '../provenance/dataset-ref';
import { provenanceRefs } from '../provenance/provenance-tags';
import { RunDataStore } from '../run-data/run-data.store';
import { TERMINAL_STATUSES, type RunInfo } from './run.model';
import { RunStore } from './run.store';

export interface UpdateRunCommand {
  runId: string;
  status?: string;
  endTime?: number;
  runName?: string;
  principal: Principal;
}

/**
 * runs/update. Entering a terminal status publishes RunCompleted with the run's whole summary
 * (params, latest metrics, artifacts, code, environment), so consumers need not replay its log.
 */
@Injectable()
export class UpdateRunUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly data: RunDataStore,
    private readonly artifacts: ArtifactStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(cmd: UpdateRunCommand): Promise<RunInfo> {
    return this.db.transaction(async (tx) => {
      const before = await this.runs.activeInfo(tx, cmd.runId, true);
      const terminal = (TERMINAL_STATUSES as readonly string[]).includes(cmd.status ?? '');
      const endTime = cmd.endTime ?? (terminal && before.endTime === null ? Date.now() : undefined);
      await this.runs.update(tx, cmd.runId, { status: cmd.status, endTime, runName: cmd.runName });
      if (cmd.runName)
        await this.data.setTags(tx, cmd.runId, [{ key: 'mlflow.runName', value: cmd.runName }]);
      const after = await this.runs.info(tx, cmd.runId);
      if (terminal && before.status !== after.status) await this.publishCompleted(tx, after, cmd.principal);
      return after;
    });
  }

  private async publishCompleted(
    tx: Parameters<TrackerEvents['publish']>[0],
    info: RunInfo,
    principal: Principal,
  ) {
    const [run] = await this.runs.withData(tx, [info]);
    const artifacts = await this.artifacts.ofRun(tx, info.runId);
    await this.events.publish(tx, [
      this.events.event(
        'RunCompleted',
        {
          subject: subject('run', info.runId),
          principal,
          used: [...run.inputs.map((i) => datasetRef(i.name, i.digest, i.context)), ...provenanceRefs(info)],
          generated: [provRef.run(info.runId), ...uniqueDigests(artifacts).map((d) => provRef.artifact(d))],
        },
        {
          runId: info.runId,
          experimentId: info.experimentId,
          status: info.status as RunStatus,
          startTime: info.startTime * 1000,
          endTime: (info.endTime ?? Date.now()) * 1000,
          params: Object.fromEntries(run.params.map((p) => [p.key, p.value])),
          metrics: Object.fromEntries(run.metrics.map((m) => [m.key, m.value])),
          artifacts,
          codeCommit: info.codeCommit,
          environmentFingerprint: info.environmentFingerprint,
        },
      ),
    ]);
  }
}

const uniqueDigests = (artifacts: { digest: string }[]) =>
  [...new Set(artifacts.map((a) => a.digest))].sort();
