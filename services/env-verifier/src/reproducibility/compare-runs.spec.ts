import { compareRuns } from './compare-runs';
import { provenanceStatement } from './provenance-statement';
import { runDescriptionSchema, type RunDescription } from './run-description';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const run = (overrides: Partial<RunDescription> = {}): RunDescription =>
  runDescriptionSchema.parse({
    runId: 'run-local',
    commit: 'a'.repeat(40),
    params: { lr: '0.1', seed: '42' },
    inputs: [{ name: 'train.csv', digest: sha('1') }],
    outputs: [{ name: 'model.json', digest: sha('2') }],
    metrics: { rmse: 0.25, accuracy: 0.9 },
    environment: sha('e'),
    ...overrides,
  });

describe(compareRuns.name, () => {
  it('reproduced: same inputs, same artifact, metrics within tolerance, other environment', () => {
    const result = compareRuns(
      run(),
      run({ runId: 'run-container', environment: sha('f'), metrics: { rmse: 0.2500001, accuracy: 0.9 } }),
      { absolute: 1e-6 },
    );
    expect(result.verdict).toBe('REPRODUCED');
    expect(result.differences).toEqual([
      expect.objectContaining({ category: 'ENVIRONMENT', withinTolerance: true }),
      expect.objectContaining({ category: 'METRIC', key: 'rmse', withinTolerance: true, tolerance: 1e-6 }),
    ]);
  });

  it('not reproduced: a metric outside its tolerance, or another artifact digest', () => {
    const metric = compareRuns(run(), run({ metrics: { rmse: 0.3, accuracy: 0.9 } }), { relative: 0.01 });
    expect(metric.verdict).toBe('NOT_REPRODUCED');
    expect(metric.differences[0]).toMatchObject({
      key: 'rmse',
      baseline: '0.25',
      candidate: '0.3',
      withinTolerance: false,
      tolerance: 0.0025,
    });
    expect(metric.differences[0].delta).toBeCloseTo(0.05);
    const artifact = compareRuns(run(), run({ outputs: [{ name: 'model.json', digest: sha('3') }] }), {});
    expect(artifact).toMatchObject({
      verdict: 'NOT_REPRODUCED',
      differences: [{ category: 'ARTIFACT', key: 'model.json', withinTolerance: false }],
    });
  });

  it('inconclusive when the inputs differ, naming them', () => {
    const result = compareRuns(
      run(),
      run({ params: { lr: '0.2', seed: '42' }, inputs: [{ name: 'train.csv', digest: sha('9') }] }),
      {},
    );
    expect(result.verdict).toBe('INCONCLUSIVE');
    expect(result.differences.map((d) => `${d.category}:${d.key}`)).toEqual(['DATA:train.csv', 'PARAMS:lr']);
  });

  it('honours a per-metric tolerance over the default', () => {
    const result = compareRuns(run(), run({ metrics: { rmse: 0.26, accuracy: 0.9 } }), {
      absolute: 0,
      metrics: { rmse: { absolute: 0.02 } },
    });
    expect(result.verdict).toBe('REPRODUCED');
  });
});

describe(provenanceStatement.name, () => {
  it('is an in-toto Statement v1 with a SLSA Provenance v1 predicate over the outputs', () => {
    const { statement, digest } = provenanceStatement(
      run({ repository: 'https://example.org/ml.git', startedAt: '2026-01-01T00:00:00Z' }),
    );
    expect(statement).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'model.json', digest: { sha256: '2'.repeat(64) } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {
        buildDefinition: {
          buildType: expect.any(String),
          externalParameters: { params: { lr: '0.1', seed: '42' } },
          resolvedDependencies: [
            { name: 'train.csv', digest: { sha256: '1'.repeat(64) } },
            {
              name: 'code',
              uri: `git+https://example.org/ml.git@${'a'.repeat(40)}`,
              digest: { gitCommit: 'a'.repeat(40) },
            },
            { name: 'environment', uri: `provenant:env:${sha('e')}`, digest: { sha256: 'e'.repeat(64) } },
          ],
        },
        runDetails: {
          builder: { id: expect.any(String) },
          metadata: { invocationId: 'run-local', startedOn: '2026-01-01T00:00:00Z' },
        },
      },
    });
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(provenanceStatement(run()).digest).toBe(provenanceStatement(run()).digest);
  });
});
