import {
  provRef,
  subject,
  type Actor,
  type EntityApplied,
  type FeatureServiceApplied,
  type FeatureViewApplied,
} from '@provenant/contracts';
import type { EventMetaFactory, OutboxEvent } from '@provenant/events';
import type { EntitySpec, FeatureServiceSpec, FeatureViewSpec, PlannedChange } from './definition.types';

export interface DefinitionEvent {
  eventType: 'EntityApplied' | 'FeatureViewApplied' | 'FeatureServiceApplied';
  event: OutboxEvent & (EntityApplied | FeatureViewApplied | FeatureServiceApplied);
}

const previous = (c: PlannedChange) => (c.change === 'VERSIONED' ? c.fromVersion : null);

/**
 * The event that tells every other service about one applied change. Subjects are the object,
 * not the version, so all events about `driver_stats` stay in order on one partition.
 * `entityVersions` gives the entity versions in force after the apply (views `used` them).
 */
export function definitionEvent(
  c: PlannedChange,
  metas: EventMetaFactory,
  actor: Actor,
  correlationId: string,
  entityVersions: Map<string, number>,
): DefinitionEvent {
  const common = { name: c.name, version: c.toVersion, change: c.change, definitionDigest: c.digest };
  const described = { description: c.spec.description, owner: c.spec.owner, tags: c.spec.tags };
  if (c.kind === 'entity') {
    const spec = c.spec as EntitySpec;
    const meta = metas.create({
      subject: subject('entity', c.name),
      actor,
      correlationId,
      generated: [provRef.entity(c.name, c.toVersion)],
    });
    return { eventType: 'EntityApplied', event: { meta, ...common, ...described, joinKeys: spec.joinKeys } };
  }
  if (c.kind === 'feature_view') {
    const spec = c.spec as FeatureViewSpec;
    const used = spec.entities
      .filter((e) => entityVersions.has(e))
      .map((e) => provRef.entity(e, entityVersions.get(e)!));
    const meta = metas.create({
      subject: subject('feature_view', c.name),
      actor,
      correlationId,
      used,
      generated: [provRef.featureView(c.name, c.toVersion)],
    });
    const event: FeatureViewApplied = {
      meta,
      ...common,
      ...described,
      previousVersion: previous(c),
      entities: spec.entities,
      features: spec.features,
      ttlMicros: spec.ttlMicros,
      source: spec.source,
      online: spec.online,
      freshnessThresholdMicros: spec.freshnessThresholdMicros,
      materializationSchedule: spec.materializationSchedule,
    };
    return { eventType: 'FeatureViewApplied', event };
  }
  const spec = c.spec as FeatureServiceSpec;
  const used = spec.projections.map((p) => provRef.featureView(p.featureView, p.featureViewVersion));
  const meta = metas.create({
    subject: subject('feature_service', c.name),
    actor,
    correlationId,
    used,
    generated: [provRef.featureService(c.name, c.toVersion)],
  });
  return {
    eventType: 'FeatureServiceApplied',
    event: { meta, ...common, ...described, previousVersion: previous(c), projections: spec.projections },
  };
}
