import type { Provenant } from './provenant';
import { trackRun } from './run-context';

/** A Provenant whose tracker and env-verifier record the calls (no services). */
function fakeProvenant() {
  const calls: { what: string; args: unknown[] }[] = [];
  const record =
    (what: string, answer: unknown = {}) =>
    async (...args: unknown[]) => {
      calls.push({ what, args });
      return answer;
    };
  const run = {
    run_id: 'r1',
    experiment_id: '1',
    run_name: 'n',
    status: 'RUNNING',
    artifact_uri: 'mlflow-artifacts:/1/r1/artifacts',
    lifecycle_stage: 'active',
  };
  const p = {
    tracker: {
      ensureExperiment: record('ensureExperiment', '1'),
      createRun: record('createRun', run),
      logBatch: record('logBatch'),
      logInputs: record('logInputs'),
      uploadArtifact: record('uploadArtifact'),
      endRun: record('endRun'),
    },
    env: { capture: record('capture', { captureId: 'c1' }) },
  } as unknown as Provenant;
  return { p, calls };
}

describe('trackRun', () => {
  it('records code, environment, params, inputs, metrics and artifacts, then ends FINISHED', async () => {
    const { p, calls } = fakeProvenant();
    const tracked = await trackRun(
      p,
      {
        experiment: 'e',
        runName: 'n',
        params: { epochs: 3 },
        inputs: [
          {
            name: 'ts',
            digest: `sha256:${'a'.repeat(64)}`,
            source_type: 'x',
            source: 's',
            context: 'training',
          },
        ],
      },
      async (run) => {
        await run.logMetrics({ auc: 0.9 });
        return run.logArtifact('model.json', Buffer.from('{}'));
      },
    );
    const tags = calls.find((c) => c.what === 'createRun')!.args[2] as Record<string, string>;
    expect(tags['provenant.env.fingerprint']).toBe(tracked.environment.fingerprint);
    expect(tags['mlflow.source.git.commit']).toMatch(/^[0-9a-f]{40}$/); // this checkout
    expect(calls.find((c) => c.what === 'capture')!.args).toEqual([tracked.environment, 'r1']);
    expect(calls.find((c) => c.what === 'logInputs')!.args[1]).toEqual([
      {
        dataset: { name: 'ts', digest: `sha256:${'a'.repeat(64)}`, source_type: 'x', source: 's' },
        context: 'training',
      },
    ]);
    expect(tracked.result).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(tracked.description).toMatchObject({
      runId: 'r1',
      params: { epochs: '3' },
      metrics: { auc: 0.9 },
      outputs: [{ name: 'model.json', digest: tracked.result }],
    });
    expect(calls.at(-1)).toEqual({ what: 'endRun', args: ['r1', 'FINISHED'] });
  });

  it('ends the run FAILED and rethrows when training throws', async () => {
    const { p, calls } = fakeProvenant();
    await expect(
      trackRun(p, { experiment: 'e', runName: 'n', params: {} }, async () =>
        Promise.reject(new Error('diverged')),
      ),
    ).rejects.toThrow('diverged');
    expect(calls.at(-1)).toEqual({ what: 'endRun', args: ['r1', 'FAILED'] });
  });
});
