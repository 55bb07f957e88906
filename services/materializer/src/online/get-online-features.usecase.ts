import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { nowMicros } from '@provenant/contracts';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { FeatureCatalog } from '../training-sets/feature-catalog';
import { resolveFeatures, type ResolvedFeatures } from '../training-sets/resolve-features';
import type { GetOnlineFeaturesDto } from './get-online-features.dto';
import { entityColumns } from './entity-rows';
import { onlineMetrics } from './metrics';
import { onlineKey, viewTag } from './online-key';
import { buildColumns, type OnlineColumn, type ServedValue } from './online-response';
import { OnlineStoreReader, type OnlineLookup } from './online-store.reader';

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
  private readonly cache = new Map<string, { at: number; resolved: ResolvedFeatures }>();
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
    req: GetOnlineFeaturesDto,
  ): Promise<{ response: OnlineFeaturesResponse; vector: ServedVector }> {
    const stop = onlineMetrics.serveLatency().startTimer();
    if (!req.features === !req.feature_service)
      throw new BadRequestException([
        'features: give either features or feature_service, not both or neither',
      ]);
    const resolved = await this.resolve(req);
    const entities = entityColumns(
      req.entities,
      resolved.views.map((v) => v.view),
    );
    const featureNames = [
      ...entities.keys.map((k) => k.name),
      ...this.names(resolved, req.full_feature_names),
    ];
    const lookups: OnlineLookup[] = [];
    const rows: Record<string, number | string>[] = [];
    for (let row = 0; row < entities.rows; row++) {
      rows.push(Object.fromEntries(entities.keys.map((k) => [k.name, entities.values.get(k.name)![row]])));
      for (const { view, features } of resolved.views) {
        const names = view.joinKeys.map((k) => k.name);
        lookups.push({
          key: onlineKey(
            this.prefix,
            names,
            names.map((n) => rows[row][n]),
          ),
          tag: viewTag(view),
          features,
        });
      }
    }
    const hits = await this.reader.read(lookups);
    const { columns, served } = buildColumns(entities, resolved, hits, nowMicros());
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

  private names(resolved: ResolvedFeatures, full = false): string[] {
    const names = resolved.views.flatMap(({ view, features }) =>
      features.map((f) => (full ? `${view.name}__${f}` : f)),
    );
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup)
      throw new BadRequestException([
        `features: two views provide a feature named ${dup}; ask with full_feature_names: true`,
      ]);
    return names;
  }

  private async resolve(req: GetOnlineFeaturesDto): Promise<ResolvedFeatures> {
    const id = JSON.stringify([req.features ?? null, req.feature_service ?? null]);
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < DEFINITIONS_CACHE_MS) return hit.resolved;
    const resolved = await resolveFeatures(this.dataSource.manager, this.catalog, {
      features: req.features,
      featureService: req.feature_service,
    });
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: Date.now(), resolved });
    return resolved;
  }
}
