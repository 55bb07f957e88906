import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { TrackerEvents } from '../persistence/tracker-events';
import { datasetRef } from '../provenance/dataset-ref';
import type { DatasetInputRow } from '../runs/run.model';
import { RunStore } from '../runs/run.store';
import { RunDataStore } from './run-data.store';
import { id, keyValue, MlflowError } from '@provenant/platform';

// Field limits of mlflow/utils/validation.py for dataset inputs.
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
export const logInputsRequest = z.object({
  run_id: id,
  datasets: z
    .array(
      z.object({
        tags: z
          .array(keyValue.pipe(z.object({ key: text(255), value: text(500) })))
          .optional()
          .default([]),
        dataset: z.object({
          name: text(500),
          // MLflow's own digests are ≤ 36 characters; a Provenant dataset's is `sha256:<64 hex>`.
          digest: z.union([text(36), z.string().regex(/^sha256:[0-9a-f]{64}$/)]),
          source_type: z.string(),
          source: text(65_535),
          schema: text(1_048_575).optional(),
          profile: text(16_777_215).optional(),
        }),
      }),
    )
    .optional()
    .default([]),
});
export type LogInputsRequest = z.infer<typeof logInputsRequest>;

/** The input tag MLflow uses for a dataset's role (training, evaluation…), searchable as datasets.context. */
const CONTEXT_TAG = 'mlflow.data.context';

@Injectable()
export class LogInputsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly data: RunDataStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(req: LogInputsRequest, principal: Principal): Promise<void> {
    if (req.datasets.length === 0) return;
    const rows: DatasetInputRow[] = req.datasets.map(({ dataset: d, tags }) => ({
      name: d.name,
      digest: d.digest,
      sourceType: d.source_type,
      source: d.source,
      schema: d.schema ?? null,
      profile: d.profile ?? null,
      context: tags.find((t) => t.key === CONTEXT_TAG)?.value ?? null,
      tags,
    }));
    const keys = new Set(rows.map((r) => `${r.name}\u0000${r.digest}`));
    if (keys.size !== rows.length)
      throw MlflowError.invalid(
        'The same dataset (name and digest) appears twice in one log-inputs request.',
      );
    await this.db.transaction(async (tx) => {
      await this.runs.activeInfo(tx, req.run_id);
      await this.data.logInputs(tx, req.run_id, rows);
      await this.events.publish(tx, [
        this.events.event(
          'RunInputsLogged',
          {
            subject: subject('run', req.run_id),
            principal,
            used: rows.map((r) => datasetRef(r.name, r.digest, r.context)),
          },
          {
            runId: req.run_id,
            datasets: rows.map((r) => ({
              name: r.name,
              digest: r.digest,
              sourceType: r.sourceType,
              source: r.source,
              schema: r.schema,
              profile: r.profile,
              context: r.context,
              tags: r.tags,
            })),
          },
        ),
      ]);
    });
  }
}
