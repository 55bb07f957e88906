import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  EntityApplied,
  FeatureServiceApplied,
  FeatureViewApplied,
  ValueType,
} from '@provenant/contracts';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';

export interface CatalogView {
  name: string;
  version: number;
  entities: string[];
  joinKeys: { name: string; valueType: ValueType }[];
  features: { name: string; valueType: ValueType }[];
  ttlMicros: number;
  /** Age of the newest value past which the view is reported degraded; null (or absent in rows
   * stored before this field was kept) when the view has none. */
  freshnessThresholdMicros?: number | null;
  /** Cron schedule of incremental materialization; null or absent when not scheduled. */
  materializationSchedule?: string | null;
}

export interface CatalogService {
  name: string;
  version: number;
  projections: { featureView: string; featureViewVersion: number; features: string[] }[];
}

type Stored = Omit<CatalogView, 'joinKeys'>;

/**
 * The materializer's own copy of the definitions, fed only by the registry's events (never by
 * its tables). Entity join keys are joined in at read time, so EntityApplied and
 * FeatureViewApplied may arrive in any order.
 */
@Injectable()
export class FeatureCatalog {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  async applyEntity(m: EntityManager, e: EntityApplied): Promise<void> {
    await m.query(
      `INSERT INTO ${this.s}.catalog_entities (name, version, join_keys, deleted) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET version = $2, join_keys = $3, deleted = $4`,
      [e.name, e.version, JSON.stringify(e.joinKeys), e.change === 'DELETED'],
    );
  }

  async applyView(m: EntityManager, e: FeatureViewApplied): Promise<void> {
    const definition: Stored = {
      name: e.name,
      version: e.version,
      entities: e.entities,
      features: e.features.map((f) => ({ name: f.name, valueType: f.valueType })),
      ttlMicros: e.ttlMicros,
      freshnessThresholdMicros: e.freshnessThresholdMicros,
      materializationSchedule: e.materializationSchedule,
    };
    await this.put(m, 'catalog_feature_views', e.name, e.version, definition, e.change === 'DELETED');
  }

  async applyService(m: EntityManager, e: FeatureServiceApplied): Promise<void> {
    const definition: CatalogService = { name: e.name, version: e.version, projections: e.projections };
    await this.put(m, 'catalog_feature_services', e.name, e.version, definition, e.change === 'DELETED');
  }

  private async put(
    m: EntityManager,
    table: string,
    name: string,
    version: number,
    definition: unknown,
    deleted: boolean,
  ) {
    await m.query(`UPDATE ${this.s}.${table} SET current = false WHERE name = $1 AND current`, [name]);
    await m.query(
      `INSERT INTO ${this.s}.${table} (name, version, definition, current, deleted) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (name, version) DO UPDATE SET definition = $3, current = true, deleted = $4`,
      [name, version, JSON.stringify(definition), deleted],
    );
  }

  /** A view by name: its current version, or the given one (older versions stay readable). */
  async view(m: EntityManager, name: string, version?: number): Promise<CatalogView | undefined> {
    const [row] = await m.query(
      `SELECT definition FROM ${this.s}.catalog_feature_views WHERE name = $1 AND ${version ? 'version = $2' : 'current AND NOT deleted'}`,
      version ? [name, version] : [name],
    );
    if (!row) return undefined;
    const view = row.definition as Stored;
    const entities: { name: string; join_keys: CatalogView['joinKeys'] }[] = await m.query(
      `SELECT name, join_keys FROM ${this.s}.catalog_entities WHERE name = ANY($1) AND NOT deleted`,
      [view.entities],
    );
    const joinKeys = view.entities.flatMap((n) => entities.find((e) => e.name === n)?.join_keys ?? []);
    if (entities.length < view.entities.length) return undefined;
    return { ...view, joinKeys };
  }

  async service(m: EntityManager, name: string): Promise<CatalogService | undefined> {
    const [row] = await m.query(
      `SELECT definition FROM ${this.s}.catalog_feature_services WHERE name = $1 AND current AND NOT deleted`,
      [name],
    );
    return row?.definition;
  }
}
