import { provRef, subject, type EventMeta, type ProvRef } from '@provenant/contracts';
import type { LeafEvent } from '../lineage/leaf-event-reader';
import { exportRunId, OpenLineageExportMapper } from './openlineage-export.mapper';
import { runEventProblems } from './run-event-schema';

const T = 1_767_300_000_000_000; // 2026-01-01T20:40:00Z
const settings = { namespace: 'provenant', producer: 'urn:provenant:audit-ledger', origin: 'test/ledger' };

function leafOf(
  eventType: string,
  value: Record<string, unknown>,
  used: ProvRef[],
  generated: ProvRef[],
): LeafEvent {
  const meta = {
    eventId: '019b7a4c-0000-7000-8000-000000000001',
    occurredAt: T + 5_000_000,
    subject: subject('run', 'r1'),
    used,
    generated,
  } as unknown as EventMeta;
  return {
    leafIndex: 7,
    eventId: meta.eventId,
    eventType,
    occurredAt: meta.occurredAt,
    meta,
    value: { meta, ...value },
    leaf: Buffer.alloc(0),
  };
}

const runStarted = (over: Record<string, unknown> = {}) =>
  leafOf(
    'RunStarted',
    {
      runId: 'r1',
      experimentId: '3',
      startTime: T,
      parentRunId: null,
      code: { commit: 'c0ffee', repoUrl: 'https://git.example/fraud', branch: 'main', dirty: false },
      ...over,
    },
    [provRef.experiment('3'), provRef.commit('c0ffee'), provRef.env('sha256:ee')],
    [provRef.run('r1')],
  );
const runCompleted = (status: string) =>
  leafOf(
    'RunCompleted',
    { runId: 'r1', experimentId: '3', status, startTime: T, endTime: T + 60_000_000 },
    [provRef.dataset('fraud_train', 'sha256:dd', 'training')],
    [provRef.artifact('sha256:aa')],
  );
const materialization = (status: string, error: string | null = null) =>
  leafOf(
    'MaterializationCompleted',
    {
      materializationId: 'm1',
      featureView: 'driver_stats',
      featureViewVersion: 2,
      mode: 'BATCH',
      status,
      windowStart: T,
      windowEnd: T + 3_600_000_000,
      rowsWritten: 42,
      startedAt: T + 1,
      completedAt: T + 2_000_000,
      rowsDigest: 'sha256:ab',
      error,
    },
    [provRef.featureView('driver_stats', 2), provRef.batch('b1')],
    [provRef.materialization('m1')],
  );
const trainingSet = () =>
  leafOf(
    'TrainingSetCreated',
    {
      trainingSetId: 'ts1',
      name: 'fraud_train',
      digest: 'sha256:dd',
      rowCount: 10,
      outputUri: 'file:///tmp/t.parquet',
    },
    [provRef.featureView('driver_stats', 2, 'features')],
    [provRef.dataset('fraud_train', 'sha256:dd')],
  );

describe(OpenLineageExportMapper.name, () => {
  const schemaFields = [{ name: 'conv_rate', type: 'DOUBLE' }];
  const sut = new OpenLineageExportMapper(
    settings,
    new Map([['feature_view:driver_stats@v2', schemaFields]]),
  );

  it('maps RunStarted to a valid START with code location, nominal time and the proving leaf', () => {
    const [e] = sut.toRunEvents(runStarted());
    expect(runEventProblems(e)).toEqual([]);
    expect(e).toMatchObject({
      eventType: 'START',
      eventTime: '2026-01-01T20:40:00.000000Z',
      run: {
        runId: exportRunId('run', 'r1'),
        facets: {
          nominalTime: { nominalStartTime: '2026-01-01T20:40:00.000000Z' },
          provenant: { leafIndex: 7, eventType: 'RunStarted', origin: 'test/ledger' },
        },
      },
      job: {
        namespace: 'provenant',
        name: 'experiment:3',
        facets: {
          jobType: { processingType: 'BATCH', integration: 'PROVENANT', jobType: 'ML_TRAINING_RUN' },
          sourceCodeLocation: {
            type: 'git',
            url: 'https://git.example/fraud',
            version: 'c0ffee',
            branch: 'main',
          },
        },
      },
    });
    // The experiment is the job and the commit is the code location: only the environment is an input.
    expect(e.inputs).toEqual([
      expect.objectContaining({
        namespace: 'provenant',
        name: 'env:sha256:ee',
        facets: expect.objectContaining({
          version: expect.objectContaining({ datasetVersion: 'sha256:ee' }),
        }),
      }),
    ]);
  });

  it('names the parent run of a nested run by the same derived id', () => {
    const [e] = sut.toRunEvents(runStarted({ parentRunId: 'p1' }));
    expect(runEventProblems(e)).toEqual([]);
    expect(e.run.facets!.parent).toMatchObject({
      run: { runId: exportRunId('run', 'p1') },
      job: { name: 'experiment:3' },
    });
  });

  it.each([
    ['FINISHED', 'COMPLETE'],
    ['FAILED', 'FAIL'],
    ['KILLED', 'ABORT'],
  ])('maps a %s RunCompleted to %s with the START’s runId', (status, eventType) => {
    const [e] = sut.toRunEvents(runCompleted(status));
    expect(runEventProblems(e)).toEqual([]);
    expect(e.eventType).toBe(eventType);
    expect(e.run.runId).toBe(sut.toRunEvents(runStarted())[0].run.runId);
    expect(e.inputs!.map((d) => d.name)).toEqual(['dataset:fraud_train@sha256:dd']);
    expect(e.outputs!.map((d) => d.name)).toEqual(['artifact:sha256:aa']);
  });

  it('maps a materialization to START and COMPLETE with the online output, its statistics and the view schema', () => {
    const events = sut.toRunEvents(materialization('SUCCEEDED'));
    for (const e of events) expect(runEventProblems(e)).toEqual([]);
    expect(events.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(new Set(events.map((e) => e.run.runId))).toEqual(new Set([exportRunId('materialization', 'm1')]));
    const [start, complete] = events;
    expect(start.job.name).toBe('materialize:driver_stats');
    expect(start.inputs![0]).toMatchObject({
      name: 'feature_view:driver_stats@v2',
      facets: { schema: { fields: schemaFields } },
    });
    expect(complete.outputs).toEqual([
      expect.objectContaining({
        name: 'online_store:driver_stats@v2',
        facets: { version: expect.objectContaining({ datasetVersion: 'sha256:ab' }) },
        outputFacets: { outputStatistics: expect.objectContaining({ rowCount: 42 }) },
      }),
    ]);
    expect(complete.run.facets!.nominalTime).toMatchObject({ nominalEndTime: '2026-01-01T21:40:00.000000Z' });
  });

  it('maps a failed materialization to FAIL with its error message', () => {
    const [, fail] = sut.toRunEvents(materialization('FAILED', 'redis: connection refused'));
    expect(runEventProblems(fail)).toEqual([]);
    expect(fail.eventType).toBe('FAIL');
    expect(fail.run.facets!.errorMessage).toMatchObject({
      message: 'redis: connection refused',
      programmingLanguage: 'TypeScript',
    });
    expect(fail.outputs).toEqual([]);
  });

  it('maps a training set to START and COMPLETE producing the dataset version', () => {
    const events = sut.toRunEvents(trainingSet());
    for (const e of events) expect(runEventProblems(e)).toEqual([]);
    expect(events.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(events[1].outputs![0]).toMatchObject({
      name: 'dataset:fraud_train@sha256:dd',
      facets: { version: { datasetVersion: 'sha256:dd' }, dataSource: { uri: 'file:///tmp/t.parquet' } },
      outputFacets: { outputStatistics: { rowCount: 10 } },
    });
    expect(events[0].run.runId).toBe(exportRunId('training_set', 'ts1'));
  });

  it('exports nothing for other events or for leaves this build cannot decode', () => {
    expect(sut.toRunEvents({ ...runStarted(), eventType: 'RunTagsSet' })).toEqual([]);
    expect(sut.toRunEvents({ ...runStarted(), value: null })).toEqual([]);
  });
});

describe('runEventProblems', () => {
  const valid = () => sut().toRunEvents(runStarted())[0] as any;
  const sut = () => new OpenLineageExportMapper(settings);

  it('names what is wrong: a non-UUID runId, a facet without _producer, an unknown eventType', () => {
    const bad = valid();
    bad.run.runId = 'r1';
    delete bad.job.facets.jobType._producer;
    bad.eventType = 'DONE';
    const problems = runEventProblems(bad).join('\n');
    expect(problems).toMatch(/\/run\/runId must match format "uuid"/);
    expect(problems).toMatch(/\/job\/facets\/jobType must have required property '_producer'/);
    expect(problems).toMatch(/\/eventType must be equal to one of the allowed values/);
  });

  it('refuses a JobEvent (no run) and an event without schemaURL', () => {
    const { run: _run, ...jobEvent } = valid();
    expect(runEventProblems(jobEvent).join()).toMatch(/required property 'run'/);
    const { schemaURL: _s, ...noUrl } = valid();
    expect(runEventProblems(noUrl).join()).toMatch(/required property 'schemaURL'/);
  });
});
