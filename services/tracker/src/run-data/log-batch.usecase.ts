import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { subject, type EventMap, type EventType } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { validateKey, validateValueLength } from '../mlflow/mlflow-names';
import { TrackerEvents } from '../persistence/tracker-events';
import { PROVENANCE_TAGS } from '../provenance/provenance-tags';

const PROVENANCE_KEYS = new Set<string>(Object.values(PROVENANCE_TAGS));
import type { MetricValue } from '../runs/run.model';
import { RunStore } from '../runs/run.store';
import { BATCH_LIMITS } from './log-batch.command';
import { RunDataStore } from './run-data.store';
import { type KeyValueInput, MlflowError } from '@provenant/platform';

export interface LogBatchCommand {
  runId: string;
  metrics: MetricValue[];
  params: KeyValueInput[];
  tags: KeyValueInput[];
  /** Size of the request body, for MLflow's 1 MB limit. */
  bodyBytes: number;
  principal: Principal;
}

/**
 * log-batch, and log-metric / log-parameter / set-tag as one-element batches. Everything is
 * validated before the transaction, and the transaction is all-or-nothing: a conflicting param
 * leaves none of the batch's metrics or tags behind (stricter than MLflow, which may write part).
 * One event per entity kind per request, never one per metric point.
 */
@Injectable()
export class LogBatchUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly data: RunDataStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(cmd: LogBatchCommand): Promise<void> {
    validateBatch(cmd);
    // The last value of a tag wins, within a request as across requests.
    const tags = [...new Map(cmd.tags.map((t) => [t.key, t])).values()];
    await this.db.transaction(async (tx) => {
      await this.runs.activeInfo(tx, cmd.runId);
      await this.data.logParams(tx, cmd.runId, cmd.params);
      await this.data.logMetrics(tx, cmd.runId, cmd.metrics);
      await this.data.setTags(tx, cmd.runId, tags);
      const runName = tags.find((t) => t.key === PROVENANCE_TAGS.runName);
      if (runName) await this.runs.update(tx, cmd.runId, { runName: runName.value });
      if (tags.some((t) => PROVENANCE_KEYS.has(t.key))) await this.runs.refreshProvenance(tx, cmd.runId);

      const on = { subject: subject('run', cmd.runId), principal: cmd.principal };
      const events: { eventType: EventType; event: EventMap[EventType] }[] = [];
      if (cmd.params.length)
        events.push(this.events.event('RunParamsLogged', on, { runId: cmd.runId, params: cmd.params }));
      if (cmd.metrics.length)
        events.push(
          this.events.event('RunMetricsLogged', on, {
            runId: cmd.runId,
            metrics: cmd.metrics.map((m) => ({
              key: m.key,
              value: m.value,
              timestamp: m.timestamp * 1000,
              step: m.step,
            })),
          }),
        );
      if (tags.length)
        events.push(this.events.event('RunTagsSet', on, { runId: cmd.runId, tags, deletedKeys: [] }));
      await this.events.publish(tx, events);
    });
  }
}

function validateBatch(cmd: LogBatchCommand): void {
  const { metrics, params, tags } = cmd;
  const over = (what: string, n: number, max: number) =>
    MlflowError.invalid(`A batch logging request can contain at most ${max} ${what}. Got ${n} ${what}.`);
  if (cmd.bodyBytes > BATCH_LIMITS.bytes)
    throw MlflowError.invalid(
      `Batched logging API requests must be at most ${BATCH_LIMITS.bytes} bytes, got a request of ${cmd.bodyBytes} bytes.`,
    );
  if (metrics.length > BATCH_LIMITS.metrics) throw over('metrics', metrics.length, BATCH_LIMITS.metrics);
  if (params.length > BATCH_LIMITS.params) throw over('params', params.length, BATCH_LIMITS.params);
  if (tags.length > BATCH_LIMITS.tags) throw over('tags', tags.length, BATCH_LIMITS.tags);
  const total = metrics.length + params.length + tags.length;
  if (total > BATCH_LIMITS.entities)
    throw over('metrics, params, and tags in total', total, BATCH_LIMITS.entities);
  metrics.forEach((m, i) => validateKey('metric', `metrics[${i}].key`, m.key));
  const seen = new Set<string>();
  params.forEach((p, i) => {
    validateKey('param', `params[${i}].key`, p.key);
    validateValueLength('param', `params[${i}].value`, p.key, p.value);
    if (seen.has(p.key))
      throw MlflowError.invalid(`Duplicate parameter keys have been submitted: ['${p.key}'].`);
    seen.add(p.key);
  });
  tags.forEach((t, i) => {
    validateKey('tag', `tags[${i}].key`, t.key);
    validateValueLength('tag', `tags[${i}].value`, t.key, t.value);
  });
}
