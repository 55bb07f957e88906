import {
  keyOf,
  RepoValidationError,
  type AppliedDefinition,
  type DefinitionKind,
  type FeatureViewSpec,
  type Plan,
} from './definition.types';
import type { NormalizedRepo } from './normalize-repo';
import { checkView, live, planObject, remaining, type Planning } from './plan-object';
import { resolveService } from './resolve-service';

/**
 * What `features apply` would do: pure, so plan and apply compute the same thing. A view whose
 * entity gets a new version is versioned too (its key changed); a service is re-pinned, and so
 * versioned, whenever a view it projects gets a new version.
 */
export function planChanges(repo: NormalizedRepo, deletes: string[], applied: AppliedDefinition[]): Plan {
  const p: Planning = {
    current: new Map(applied.map((d) => [keyOf(d.kind, d.name), d])),
    changes: [],
    unchanged: [],
    issues: [...repo.issues],
  };
  const deleted = new Set(deletes);
  const inRepo = new Set([
    ...repo.entities.map((e) => keyOf('entity', e.name)),
    ...repo.views.map((v) => keyOf('feature_view', v.name)),
    ...repo.services.map((s) => keyOf('feature_service', s.name)),
  ]);
  for (const ref of deleted) {
    if (!live(p.current.get(ref)))
      p.issues.push({ path: `delete ${ref}`, message: 'nothing applied by that name' });
    if (inRepo.has(ref))
      p.issues.push({
        path: `delete ${ref}`,
        message: 'still defined in the repository: remove its file or do not delete it',
      });
  }

  const versionedEntities = new Set<string>();
  for (const e of repo.entities) {
    const before = live(p.current.get(keyOf('entity', e.name)))?.version;
    if (planObject(p, 'entity', e) !== before && before !== undefined) versionedEntities.add(e.name);
  }
  const entities = remaining(p, 'entity', repo.entities, deleted);
  const viewVersions = new Map<string, { spec: FeatureViewSpec; version: number }>();
  for (const v of repo.views) {
    checkView(v, entities, p.issues);
    const moved = v.entities.find((n) => versionedEntities.has(n));
    viewVersions.set(v.name, {
      spec: v,
      version: planObject(p, 'feature_view', v, moved && `entity ${moved} has a new version`),
    });
  }
  for (const [name, spec] of remaining(p, 'feature_view', repo.views, deleted)) {
    if (!viewVersions.has(name))
      viewVersions.set(name, { spec, version: p.current.get(keyOf('feature_view', name))!.version });
    for (const entity of spec.entities) {
      if (deleted.has(keyOf('entity', entity)))
        p.issues.push({ path: `delete entity:${entity}`, message: `feature view ${name} still uses it` });
    }
  }
  for (const doc of repo.services)
    planObject(p, 'feature_service', resolveService(doc, viewVersions, p.issues));
  for (const [name, spec] of remaining(p, 'feature_service', [], deleted)) {
    if (inRepo.has(keyOf('feature_service', name))) continue;
    for (const proj of (spec as { projections: { featureView: string }[] }).projections) {
      if (deleted.has(keyOf('feature_view', proj.featureView)))
        p.issues.push({
          path: `delete feature_view:${proj.featureView}`,
          message: `feature service ${name} still uses it`,
        });
    }
  }
  if (p.issues.length > 0) throw new RepoValidationError(p.issues);

  // Removals last, dependants first, so no event ever describes a dangling reference.
  const order: DefinitionKind[] = ['feature_service', 'feature_view', 'entity'];
  for (const kind of order) {
    for (const ref of [...deleted].filter((r) => r.startsWith(`${kind}:`)).sort()) {
      const cur = p.current.get(ref)!;
      p.changes.push({
        kind,
        name: cur.name,
        change: 'DELETED',
        fromVersion: cur.version,
        toVersion: cur.version,
        spec: cur.spec,
        digest: cur.digest,
        details: ['- removed'],
      });
    }
  }
  const notInRepo = applied
    .filter((d) => live(d) && !inRepo.has(keyOf(d.kind, d.name)) && !deleted.has(keyOf(d.kind, d.name)))
    .map((d) => ({ kind: d.kind, name: d.name, version: d.version }));
  return { changes: p.changes, unchanged: p.unchanged, notInRepo };
}
