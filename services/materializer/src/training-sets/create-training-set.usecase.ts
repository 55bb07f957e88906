import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { provRef, subject, type Actor, type TrainingSetCreated } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import { prepareEntityRows } from './entity-rows';
import { FeatureCatalog } from './feature-catalog';
import { toMicros } from './micros';
import { OfflineStoreReader } from './offline-store.reader';
import { resolveFeatures } from './resolve-features';
import { encodeTrainingSet } from './training-set-file';
import { buildTrainingTable } from './training-table';
import type { TrainingSetRequest } from './training-set-request';

export interface TrainingSetOutput {
  bytes: Buffer;
  event: TrainingSetCreated;
}

const FORMATS = { csv: 'CSV', parquet: 'PARQUET', json: 'JSON' } as const;
const MAX_BATCH_REFS = 1000;

/**
 * A point-in-time-correct training set (DESIGN.md §3): one output row per entity row, in input
 * order, each feature as its view knew it at the row's time. The file's digest, the view
 * versions, the as-of bound and the input's digest are published as TrainingSetCreated.
 */
@Injectable()
export class CreateTrainingSetUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: FeatureCatalog,
    private readonly offline: OfflineStoreReader,
    private readonly outbox: Outbox,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(req: TrainingSetRequest, actor: Actor): Promise<TrainingSetOutput> {
    const asOf = req.asOf === undefined ? null : toMicros(req.asOf);
    if (asOf === undefined)
      throw new BadRequestException([`asOf: not a timestamp: ${JSON.stringify(req.asOf)}`]);
    const resolved = await resolveFeatures(this.dataSource.manager, this.catalog, req);
    const views = resolved.views.map((v) => v.view);
    const entity = prepareEntityRows(req.entityRows, req.timestampField, views);
    const found = await this.offline.pointInTime(
      views.map((v) => ({
        view: v.name,
        version: v.version,
        ttlMicros: v.ttlMicros,
        features: v.features,
        keys: entity.keys.get(v.name)!,
        ts: entity.ts,
      })),
      asOf,
    );

    const table = buildTrainingTable(req, entity.ts, resolved.views, found);
    const bytes = await encodeTrainingSet(table, req.format);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const batches = [...new Set(found.flatMap((f) => [...f.batches]))].sort().slice(0, MAX_BATCH_REFS);
    const trainingSetId = `ts-${uuidv7()}`;
    const event: TrainingSetCreated = {
      meta: this.metas.create({
        subject: subject('dataset', req.name),
        actor,
        used: [
          ...views.map((v) => provRef.featureView(v.name, v.version, 'features')),
          ...(resolved.featureService
            ? [
                provRef.featureService(
                  resolved.featureService.split('@v')[0],
                  Number(resolved.featureService.split('@v')[1]),
                ),
              ]
            : []),
          ...(req.entitySource
            ? [provRef.source(req.entitySource.uri, `sha256:${req.entitySource.sha256}`, 'entity_rows')]
            : []),
          ...batches.map((b) => provRef.batch(b, undefined, 'features')),
        ],
        generated: [provRef.dataset(req.name, digest, 'training')],
      }),
      trainingSetId,
      name: req.name,
      digest,
      format: FORMATS[req.format],
      outputUri: null,
      rowCount: table.rowCount,
      entityRowsDigest: entity.digest,
      entityRowCount: req.entityRows.length,
      featureRefs: resolved.refs,
      featureService: resolved.featureService,
      featureViews: views.map((v) => ({ name: v.name, version: v.version })),
      asOf,
      entityTsMin: entity.ts.reduce((a, b) => Math.min(a, b)),
      entityTsMax: entity.ts.reduce((a, b) => Math.max(a, b)),
    };
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO "${(m.connection.options as { schema?: string }).schema}".training_sets
           (training_set_id, name, digest, format, row_count, entity_rows_digest, feature_refs, feature_views, as_of, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          trainingSetId,
          req.name,
          digest,
          req.format,
          table.rowCount,
          entity.digest,
          JSON.stringify(resolved.refs),
          JSON.stringify(event.featureViews),
          asOf,
          actor.principal,
        ],
      );
      await this.outbox.publish(m, 'TrainingSetCreated', event);
    });
    return { bytes, event };
  }
}
