import { definitionDigest } from './canonical-json';
import { describeDiff } from './describe-diff';
import {
  keyOf,
  type AppliedDefinition,
  type DefinitionKind,
  type DefinitionSpec,
  type EntitySpec,
  type FeatureViewSpec,
  type ObjectRef,
  type PlannedChange,
  type RepoIssue,
} from './definition.types';

export interface Planning {
  current: Map<string, AppliedDefinition>;
  changes: PlannedChange[];
  unchanged: ObjectRef[];
  issues: RepoIssue[];
}

export const live = (d: AppliedDefinition | undefined) => (d && d.change !== 'DELETED' ? d : undefined);

/** Compares one desired object with its applied state and records what apply would do. */
export function planObject(
  p: Planning,
  kind: DefinitionKind,
  spec: DefinitionSpec,
  forceBreaking?: string,
): number {
  const cur = p.current.get(keyOf(kind, spec.name));
  const digest = definitionDigest(spec);
  const base = { kind, name: spec.name, spec, digest };
  if (!live(cur)) {
    const toVersion = (cur?.version ?? 0) + 1;
    p.changes.push({ ...base, change: 'CREATED', fromVersion: null, toVersion, details: ['+ new'] });
    return toVersion;
  }
  const { lines, breaking } = describeDiff(cur!.spec, spec);
  if (forceBreaking) lines.push(`~ ${forceBreaking} (breaking)`);
  if (breaking || forceBreaking) {
    p.changes.push({
      ...base,
      change: 'VERSIONED',
      fromVersion: cur!.version,
      toVersion: cur!.version + 1,
      details: lines,
    });
    return cur!.version + 1;
  }
  if (digest !== cur!.digest) {
    p.changes.push({
      ...base,
      change: 'UPDATED',
      fromVersion: cur!.version,
      toVersion: cur!.version,
      details: lines,
    });
  } else p.unchanged.push({ kind, name: spec.name, version: cur!.version });
  return cur!.version;
}

/** Entity and view specs that remain after the apply: the repository's, then applied ones it omits. */
export function remaining<T extends DefinitionSpec>(
  p: Planning,
  kind: DefinitionKind,
  desired: T[],
  deleted: Set<string>,
) {
  const out = new Map<string, T>(desired.map((s) => [s.name, s]));
  for (const d of p.current.values()) {
    if (d.kind === kind && live(d) && !out.has(d.name) && !deleted.has(keyOf(kind, d.name)))
      out.set(d.name, d.spec as T);
  }
  return out;
}

export function checkView(
  view: FeatureViewSpec,
  entities: Map<string, EntitySpec>,
  issues: RepoIssue[],
): void {
  const keys = new Set<string>();
  for (const name of view.entities) {
    const entity = entities.get(name);
    if (!entity) {
      issues.push({ path: `FeatureView ${view.name}.entities`, message: `unknown entity ${name}` });
      continue;
    }
    for (const k of entity.joinKeys) {
      if (keys.has(k.name))
        issues.push({
          path: `FeatureView ${view.name}.entities`,
          message: `join key ${k.name} appears in two entities`,
        });
      if (view.features.some((f) => f.name === k.name))
        issues.push({
          path: `FeatureView ${view.name}.features.${k.name}`,
          message: 'a feature cannot share its name with a join key',
        });
      keys.add(k.name);
    }
  }
}
