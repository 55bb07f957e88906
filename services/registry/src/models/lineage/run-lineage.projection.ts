import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ArtifactLogged,
  RunCompleted,
  RunInputsLogged,
  RunMetricsLogged,
  RunStarted,
} from '@provenant/contracts';
import { RunLineageEntity, type MetricValue } from './lineage.entities';

/**
 * Folds provenant.runs.v1 into one row per run: the metrics promotion gates read, and the code,
 * data and environment that lineage completeness needs. Events of one run arrive in order (the
 * run id is the key), but each fold is still written to be order-tolerant.
 */
@Injectable()
export class RunLineageProjection {
  async started(manager: EntityManager, e: RunStarted): Promise<void> {
    await this.update(manager, e.runId, (row) => {
      row.experimentId = e.experimentId;
      row.status ??= 'RUNNING';
      row.codeCommit ??= e.code?.commit ?? null;
      row.envFingerprint ??= e.environmentFingerprint;
    });
  }

  async metricsLogged(manager: EntityManager, e: RunMetricsLogged): Promise<void> {
    await this.update(manager, e.runId, (row) => {
      for (const p of e.metrics) row.metrics[p.key] = latest(row.metrics[p.key], p);
    });
  }

  async inputsLogged(manager: EntityManager, e: RunInputsLogged): Promise<void> {
    await this.update(manager, e.runId, (row) => {
      for (const d of e.datasets)
        if (!row.datasets.some((x) => x.name === d.name && x.digest === d.digest))
          row.datasets.push({ name: d.name, digest: d.digest, context: d.context });
    });
  }

  async artifactLogged(manager: EntityManager, e: ArtifactLogged): Promise<void> {
    await this.update(manager, e.runId, (row) => {
      row.artifacts[e.path] = { digest: e.digest, sizeBytes: e.sizeBytes };
    });
  }

  async completed(manager: EntityManager, e: RunCompleted): Promise<void> {
    await this.update(manager, e.runId, (row) => {
      row.experimentId = e.experimentId;
      row.status = e.status;
      row.codeCommit = e.codeCommit ?? row.codeCommit;
      row.envFingerprint = e.environmentFingerprint ?? row.envFingerprint;
      row.params = { ...row.params, ...e.params };
      // The completed run's summary is authoritative for keys it carries (MLflow's latest value).
      for (const [key, value] of Object.entries(e.metrics))
        row.metrics[key] = { value, timestamp: e.endTime, step: row.metrics[key]?.step ?? 0 };
      for (const a of e.artifacts) row.artifacts[a.path] = { digest: a.digest, sizeBytes: a.sizeBytes };
    });
  }

  private async update(
    manager: EntityManager,
    runId: string,
    fold: (row: RunLineageEntity) => void,
  ): Promise<void> {
    const repo = manager.getRepository(RunLineageEntity);
    const row =
      (await repo.findOne({ where: { runId }, lock: { mode: 'pessimistic_write' } })) ??
      repo.create({
        runId,
        experimentId: null,
        status: null,
        codeCommit: null,
        envFingerprint: null,
        params: {},
        metrics: {},
        datasets: [],
        artifacts: {},
      });
    fold(row);
    row.updatedAt = new Date();
    await repo.save(row);
  }
}

/** MLflow's rule: the value at the latest timestamp, the max on a tie. */
function latest(current: MetricValue | undefined, p: MetricValue & { key: string }): MetricValue {
  const next = { value: p.value, timestamp: p.timestamp, step: p.step };
  if (!current || p.timestamp > current.timestamp) return next;
  if (p.timestamp === current.timestamp && p.value > current.value) return next;
  return current;
}
