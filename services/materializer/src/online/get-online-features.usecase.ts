import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { nowMicros } from '@provenant/contracts';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { FeatureCatalog } from '../training-sets/feature-catalog';
import { resolveFeatures } from '../training-sets/resolve-features';
import type { OnlineFeaturesRequest } from './online-request';
import { entityColumns } from './entity-rows';
import { onlineMetrics } from './metrics';
import { onlineKey } from './online-key';
import { buildColumns, type OnlineColumn, type ServedValue } from './online-response';
import { OnlineStoreReader, type OnlineLookup } from './online-store.reader';
import { servingPlan, type ServingPlan } from './serving-plan';

export interface OnlineFeaturesResponse {
  metadata: {
    feature_names: string[];
    request_id: string;
    feature_service: string | null;
    /** Version of every feature view read (Feast's include_feature_view_version_metadata). */
    feature_view_versions: Record<string, number>;
  };
  results: OnlineColumn[];
}

export interface ServedVector {
  requestId: string;
  featureService: string | null;
  entities: Record<string, number | string>[];
  served: ServedValue[][];
}

// Definitions change rarely; re-reading them per request would cost two PostgreSQL round trips
// per view on the hot path. One second keeps a registry change visible within a second.
const DEFINITIONS_CACHE_MS = 1_000;

/** Online serving: definitions from the catalog, values from Redis in one round trip. */
@Injectable()
export class GetOnlineFeaturesUseCase {
  private readonly cache = new Map<string, { at: number; plan: ServingPlan }>();
  private readonly prefix: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: FeatureCatalog,
    private readonly reader: OnlineStoreReader,
    @Inject(APP_CONFIG) config: MaterializerConfig,
  ) {
    this.prefix = config.ONLINE_KEY_PREFIX;
  }

  async execute(
    req: OnlineFeaturesRequest,
  ): Promise<{ response: OnlineFeaturesResponse; vector: ServedVector }> {
    const stop = onlineMetrics.serveLatency().startTimer();
    if (!req.features === !req.feature_service)
      throw new BadRequestException([
        'features: give either features or feature_service, not both or neither',
      ]);
    const plan = await this.plan(req);
    const { resolved } = plan;
    const entities = entityColumns(
      req.entities,
      resolved.views.map((v) => v.view),
    );
    const featureNames = [...entities.keys.map((k) => k.name), ...plan.featureNames];
    const lookups: OnlineLookup[] = [];
    const rows: Record<string, number | string>[] = [];
    for (let row = 0; row < entities.rows; row++) {
      const entity: Record<string, number | string> = {};
      for (const k of entities.keys) entity[k.name] = entities.values.get(k.name)![row];
      rows.push(entity);
      for (const { joinKeys, fields } of plan.views)
        lookups.push({
          key: onlineKey(
            this.prefix,
            joinKeys,
            joinKeys.map((n) => entity[n]),
          ),
          fields,
        });
    }
    const hits = await this.reader.read(lookups);
    const { columns, served } = buildColumns(entities, plan, hits, nowMicros());
    const requestId = randomUUID();
    const response: OnlineFeaturesResponse = {
      metadata: {
        feature_names: featureNames,
        request_id: requestId,
        feature_service: resolved.featureService,
        feature_view_versions: Object.fromEntries(resolved.views.map((v) => [v.view.name, v.view.version])),
      },
      results: columns,
    };
    stop();
    return {
      response,
      vector: { requestId, featureService: resolved.featureService, entities: rows, served },
    };
  }

  private async plan(req: OnlineFeaturesRequest): Promise<ServingPlan> {
    const id = JSON.stringify([req.features ?? null, req.feature_service ?? null, !!req.full_feature_names]);
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < DEFINITIONS_CACHE_MS) return hit.plan;
    const resolved = await resolveFeatures(this.dataSource.manager, this.catalog, {
      features: req.features,
      featureService: req.feature_service,
    });
    const plan = servingPlan(resolved, req.full_feature_names);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: Date.now(), plan });
    return plan;
  }
}
