import type { FeatureServiceDocument } from './feature-repo.schema';
import type { FeatureServiceSpec, FeatureViewSpec, RepoIssue } from './definition.types';

const REF = /^([A-Za-z_][A-Za-z0-9_]*):(\*|[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * A service's `view:feature` / `view:*` references, pinned to the view versions this apply
 * leaves current: a service always names exact view versions (Feast resolves at read time instead).
 */
export function resolveService(
  doc: FeatureServiceDocument,
  views: Map<string, { spec: FeatureViewSpec; version: number }>,
  issues: RepoIssue[],
): FeatureServiceSpec {
  const at = `${doc.sourceFile ? `${doc.sourceFile}: ` : ''}FeatureService ${doc.name}.features`;
  const projections: FeatureServiceSpec['projections'] = [];
  for (const ref of doc.features) {
    const match = REF.exec(ref);
    if (!match) {
      issues.push({ path: at, message: `${JSON.stringify(ref)} is not <view>:<feature> or <view>:*` });
      continue;
    }
    const [, viewName, feature] = match;
    const view = views.get(viewName);
    if (!view) {
      issues.push({ path: at, message: `${ref}: unknown feature view ${viewName}` });
      continue;
    }
    let projection = projections.find((p) => p.featureView === viewName);
    if (!projection) {
      projection = { featureView: viewName, featureViewVersion: view.version, features: [] };
      projections.push(projection);
    }
    const wanted = feature === '*' ? view.spec.features.map((f) => f.name) : [feature];
    for (const name of wanted) {
      if (!view.spec.features.some((f) => f.name === name))
        issues.push({ path: at, message: `${ref}: feature view ${viewName} has no feature ${name}` });
      else if (projection.features.includes(name))
        issues.push({ path: at, message: `${viewName}:${name} listed twice` });
      else projection.features.push(name);
    }
  }
  return {
    name: doc.name,
    description: doc.description ?? null,
    owner: doc.owner ?? null,
    tags: doc.tags,
    projections,
  };
}
