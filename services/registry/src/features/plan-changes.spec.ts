import { definitionDigest } from './canonical-json';
import { RepoValidationError, type AppliedDefinition, type Plan } from './definition.types';
import { featureRepoDocument } from './feature-repo.schema';
import { normalizeRepo } from './normalize-repo';
import { planChanges } from './plan-changes';

const driver = { kind: 'Entity', name: 'driver', joinKeys: [{ name: 'driver_id', type: 'INT64' }] };
const stats = {
  kind: 'FeatureView',
  name: 'driver_stats',
  entities: ['driver'],
  ttl: '2h',
  features: [
    { name: 'conv_rate', type: 'FLOAT32' },
    { name: 'trips', type: 'INT64' },
  ],
};
const service = { kind: 'FeatureService', name: 'ranking', features: ['driver_stats:*'] };

const repoOf = (objects: unknown[], del: string[] = []) =>
  featureRepoDocument.parse({ objects, delete: del });

/** Applies a plan to an in-memory "registry" the way the store does. */
function applied(plan: Plan, before: AppliedDefinition[] = []): AppliedDefinition[] {
  const state = new Map(before.map((d) => [`${d.kind}:${d.name}`, d]));
  for (const c of plan.changes) {
    const prev = state.get(`${c.kind}:${c.name}`);
    state.set(`${c.kind}:${c.name}`, {
      kind: c.kind,
      name: c.name,
      version: c.toVersion,
      revision: (prev?.revision ?? 0) + 1,
      change: c.change,
      spec: c.spec,
      digest: c.digest,
    });
  }
  return [...state.values()];
}

const sut = (objects: unknown[], current: AppliedDefinition[] = [], del: string[] = []) => {
  const repo = repoOf(objects, del);
  return planChanges(normalizeRepo(repo), repo.delete, current);
};
const summary = (plan: Plan) => plan.changes.map((c) => `${c.change} ${c.kind}:${c.name} v${c.toVersion}`);

describe(planChanges.name, () => {
  const base = applied(sut([driver, stats, service]));

  it('creates everything on first apply, with services pinned to view versions', () => {
    const plan = sut([driver, stats, service]);
    expect(summary(plan)).toEqual([
      'CREATED entity:driver v1',
      'CREATED feature_view:driver_stats v1',
      'CREATED feature_service:ranking v1',
    ]);
    expect(plan.changes[2].spec).toMatchObject({
      projections: [{ featureView: 'driver_stats', featureViewVersion: 1, features: ['conv_rate', 'trips'] }],
    });
    expect(plan.changes[1].spec).toMatchObject({ ttlMicros: 7_200_000_000 });
  });

  it('changes nothing when the same repository is applied again', () => {
    const plan = sut([driver, stats, service], base);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toHaveLength(3);
  });

  it('keeps the version for a compatible change (description, added feature)', () => {
    const changed = {
      ...stats,
      description: 'per-driver',
      features: [...stats.features, { name: 'rating', type: 'FLOAT64' }],
    };
    const plan = sut([driver, changed, service], base);
    // `driver_stats:*` now expands to one more feature: the model's inputs change, so the service is versioned.
    expect(summary(plan)).toEqual([
      'UPDATED feature_view:driver_stats v1',
      'VERSIONED feature_service:ranking v2',
    ]);
    expect(plan.changes[0].details).toEqual(expect.arrayContaining(['+ feature rating: FLOAT64']));
  });

  it('versions a view on a type change and re-pins the service that projects it', () => {
    const changed = { ...stats, features: [{ name: 'conv_rate', type: 'FLOAT64' }, stats.features[1]] };
    const plan = sut([driver, changed, service], base);
    expect(summary(plan)).toEqual([
      'VERSIONED feature_view:driver_stats v2',
      'VERSIONED feature_service:ranking v2',
    ]);
    expect(plan.changes[0].details).toContain('~ feature conv_rate: FLOAT32 -> FLOAT64 (breaking)');
  });

  it('versions a view when a feature is removed', () => {
    const plan = sut([driver, { ...stats, features: [stats.features[0]] }], base);
    expect(plan.changes[0]).toMatchObject({
      change: 'VERSIONED',
      fromVersion: 1,
      toVersion: 2,
      details: ['- feature trips (breaking)'],
    });
  });

  it('versions the views of an entity whose join keys change', () => {
    const composite = { ...driver, joinKeys: [...driver.joinKeys, { name: 'region', type: 'STRING' }] };
    const plan = sut([composite, stats], base);
    expect(summary(plan)).toEqual(['VERSIONED entity:driver v2', 'VERSIONED feature_view:driver_stats v2']);
  });

  it('never removes what the repository merely omits, and lists it', () => {
    const plan = sut([driver, stats], base);
    expect(plan.changes).toEqual([]);
    expect(plan.notInRepo).toEqual([{ kind: 'feature_service', name: 'ranking', version: 1 }]);
  });

  it('removes on explicit request, dependants first', () => {
    const plan = sut([driver], base, ['feature_service:ranking', 'feature_view:driver_stats']);
    expect(summary(plan)).toEqual([
      'DELETED feature_service:ranking v1',
      'DELETED feature_view:driver_stats v1',
    ]);
  });

  it.each([
    [[driver], ['feature_view:driver_stats'], 'feature service ranking still uses it'],
    [[stats, service], ['entity:driver'], 'feature view driver_stats still uses it'],
    [[driver, stats, service], ['entity:nobody'], 'nothing applied by that name'],
    [[driver, stats, service], ['entity:driver'], 'still defined in the repository'],
  ])('refuses an unsafe removal (%#)', (objects, del, message) => {
    expect(() => sut(objects, base, del)).toThrow(message);
  });

  it('names every problem of an invalid repository at once', () => {
    const bad = {
      ...stats,
      entities: ['rider'],
      ttl: 'soon',
      features: [...stats.features, { name: 'driver_id', type: 'INT64' }],
    };
    const err = (() => {
      try {
        sut([
          { ...driver, sourceFile: 'entities.yaml' },
          bad,
          { ...service, features: ['driver_stats:nope', 'other:*'] },
        ]);
      } catch (e) {
        return e as RepoValidationError;
      }
    })();
    expect(err).toBeInstanceOf(RepoValidationError);
    expect(err!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'not a duration: "soon" (e.g. 0, 90s, 2h, 1d)',
        'unknown entity rider',
        'driver_stats:nope: feature view driver_stats has no feature nope',
        'other:*: unknown feature view other',
      ]),
    );
  });

  it('digests definitions canonically, whatever the key order', () => {
    expect(definitionDigest({ b: 1, a: [1, 'x'] })).toBe(definitionDigest({ a: [1, 'x'], b: 1 }));
  });
});
