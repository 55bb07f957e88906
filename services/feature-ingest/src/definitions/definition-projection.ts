import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EntityApplied, FeatureViewApplied, MaterializationCompleted } from '@provenant/contracts';
import { APP_CONFIG } from '@provenant/platform';
import type { FeatureIngestConfig } from '../config';
import type { ViewDefinition, ViewLookup } from './view-definition';

/**
 * feature-ingest's copy of the definitions, fed only by the registry's events. Views are looked
 * up by name (the current version) or by name and version; entity join keys are resolved when a
 * row batch is validated, so the order in which EntityApplied and FeatureViewApplied arrive
 * (different subjects, so different partitions) does not matter.
 */
@Injectable()
export class DefinitionProjection {
  private readonly s: string;

  constructor(@Inject(APP_CONFIG) config: FeatureIngestConfig) {
    this.s = `"${config.DATABASE_SCHEMA}"`;
  }

  async applyEntity(m: EntityManager, e: EntityApplied): Promise<void> {
    await m.query(
      `INSERT INTO ${this.s}.known_entities (name, version, join_keys, deleted) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET version = $2, join_keys = $3, deleted = $4`,
      [e.name, e.version, JSON.stringify(e.joinKeys), e.change === 'DELETED'],
    );
  }

  async applyView(m: EntityManager, e: FeatureViewApplied): Promise<void> {
    const definition: ViewDefinition = {
      name: e.name,
      version: e.version,
      entities: e.entities,
      features: e.features.map((f) => ({ name: f.name, valueType: f.valueType })),
      ttlMicros: e.ttlMicros,
      timestampField: e.source.timestampField,
    };
    await m.query(`UPDATE ${this.s}.known_views SET current = false WHERE name = $1 AND current`, [e.name]);
    await m.query(
      `INSERT INTO ${this.s}.known_views (name, version, definition, current, deleted) VALUES ($1, $2, $3, true, $4)
       ON CONFLICT (name, version) DO UPDATE SET definition = $3, current = true, deleted = $4`,
      [e.name, e.version, JSON.stringify(definition), e.change === 'DELETED'],
    );
  }

  /** The online store's watermark only moves forward, whatever order runs finish in. */
  async applyWatermark(m: EntityManager, e: MaterializationCompleted): Promise<void> {
    if (e.status !== 'SUCCEEDED') return;
    await m.query(
      `INSERT INTO ${this.s}.view_watermarks (feature_view, watermark) VALUES ($1, $2)
       ON CONFLICT (feature_view) DO UPDATE SET watermark = GREATEST(${this.s}.view_watermarks.watermark, $2)`,
      [e.featureView, e.watermark],
    );
  }

  async watermark(m: EntityManager, view: string): Promise<number | null> {
    const [row] = await m.query(`SELECT watermark FROM ${this.s}.view_watermarks WHERE feature_view = $1`, [
      view,
    ]);
    return row ? Number(row.watermark) : null;
  }

  async lookup(m: EntityManager, name: string, version?: number | null): Promise<ViewLookup> {
    const [row] = await m.query(
      `SELECT definition, deleted FROM ${this.s}.known_views WHERE name = $1 AND ${version ? 'version = $2' : 'current'}`,
      version ? [name, version] : [name],
    );
    if (!row)
      return { ok: false, message: `unknown feature view ${name}${version ? ` version ${version}` : ''}` };
    if (row.deleted) return { ok: false, message: `feature view ${name} was deleted` };
    const view = row.definition as ViewDefinition;
    const entities: { name: string; join_keys: ResolvedKeys; deleted: boolean }[] = await m.query(
      `SELECT name, join_keys, deleted FROM ${this.s}.known_entities WHERE name = ANY($1)`,
      [view.entities],
    );
    const joinKeys: ResolvedKeys = [];
    for (const name of view.entities) {
      const entity = entities.find((x) => x.name === name);
      if (!entity || entity.deleted)
        return { ok: false, message: `feature view ${view.name}: entity ${name} is not known (yet)` };
      joinKeys.push(...entity.join_keys);
    }
    return { ok: true, view: { ...view, joinKeys } };
  }
}

type ResolvedKeys = { name: string; valueType: ViewDefinition['features'][number]['valueType'] }[];
