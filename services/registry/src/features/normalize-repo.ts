import { parseDurationMicros } from './duration';
import type {
  EntityDocument,
  FeatureRepoDocument,
  FeatureServiceDocument,
  FeatureViewDocument,
} from './feature-repo.schema';
import type { EntitySpec, FeatureViewSpec, RepoIssue } from './definition.types';

export interface NormalizedRepo {
  entities: EntitySpec[];
  views: FeatureViewSpec[];
  /** Resolved against the planned view versions by the planner. */
  services: FeatureServiceDocument[];
  issues: RepoIssue[];
}

const where = (o: { kind: string; name: string; sourceFile?: string }) =>
  `${o.sourceFile ? `${o.sourceFile}: ` : ''}${o.kind} ${o.name}`;

const described = (o: EntityDocument | FeatureViewDocument) => ({
  name: o.name,
  description: o.description ?? null,
  owner: o.owner ?? null,
  tags: o.tags,
});

function toView(o: FeatureViewDocument, issues: RepoIssue[]): FeatureViewSpec {
  const ttlMicros = parseDurationMicros(o.ttl);
  if (ttlMicros === undefined)
    issues.push({
      path: `${where(o)}.ttl`,
      message: `not a duration: ${JSON.stringify(o.ttl)} (e.g. 0, 90s, 2h, 1d)`,
    });
  const freshness = o.freshnessThreshold == null ? null : parseDurationMicros(o.freshnessThreshold);
  if (freshness === undefined)
    issues.push({
      path: `${where(o)}.freshnessThreshold`,
      message: `not a duration: ${JSON.stringify(o.freshnessThreshold)}`,
    });
  const seen = new Set<string>();
  for (const f of o.features) {
    if (seen.has(f.name))
      issues.push({ path: `${where(o)}.features.${f.name}`, message: 'duplicate feature name' });
    seen.add(f.name);
  }
  if (seen.has(o.source.timestampField))
    issues.push({
      path: `${where(o)}.source.timestampField`,
      message: `${o.source.timestampField} is also a feature name`,
    });
  return {
    ...described(o),
    entities: o.entities,
    features: o.features.map((f) => ({
      name: f.name,
      valueType: f.type,
      description: f.description ?? null,
      tags: f.tags,
    })),
    ttlMicros: ttlMicros ?? 0,
    source: {
      kind: o.source.kind,
      uri: o.source.uri ?? null,
      timestampField: o.source.timestampField,
      createdTimestampField: o.source.createdTimestampField ?? null,
    },
    online: o.online,
    freshnessThresholdMicros: freshness ?? null,
    materializationSchedule: o.schedule ?? null,
  };
}

/** Turns the documents into the specs the registry stores, collecting every problem at once. */
export function normalizeRepo(repo: FeatureRepoDocument): NormalizedRepo {
  const issues: RepoIssue[] = [];
  const names = new Map<string, string>();
  for (const o of repo.objects) {
    const key = `${o.kind}:${o.name}`;
    if (names.has(key))
      issues.push({
        path: where(o),
        message: `defined twice (also in ${names.get(key) || 'the same file'})`,
      });
    names.set(key, o.sourceFile ?? '');
  }
  const entities: EntitySpec[] = [];
  const views: FeatureViewSpec[] = [];
  const services: FeatureServiceDocument[] = [];
  for (const o of repo.objects) {
    if (o.kind === 'Entity') {
      const keys = new Set(o.joinKeys.map((k) => k.name));
      if (keys.size !== o.joinKeys.length)
        issues.push({ path: `${where(o)}.joinKeys`, message: 'duplicate join key' });
      entities.push({
        ...described(o),
        joinKeys: o.joinKeys.map((k) => ({ name: k.name, valueType: k.type })),
      });
    } else if (o.kind === 'FeatureView') views.push(toView(o, issues));
    else services.push(o);
  }
  return { entities, views, services, issues };
}
