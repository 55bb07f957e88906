import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { ensurePythonVenv, MLFLOW_VERSION, useTestEnv, waitFor } from '@provenant/testing';
import { httpTo, publish, startRegistryWithConsumer, TOKENS } from './fixtures/model-registry-app';
import { trainingRun } from './fixtures/lineage-events';

const run = promisify(execFile);

/** The acceptance test: MLflow's official registry client, unchanged, against the registry. */
describe('registry: the real MLflow registry client', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startRegistryWithConsumer(env()));
    await publish(env(), trainingRun({ runId: 'mlflow-run', metrics: { auc: 0.8 } }));
    const http = httpTo(url);
    await waitFor(async () => (await http('GET', '/api/provenant/runs/mlflow-run/lineage')).status === 200, {
      timeoutMs: 30_000,
      description: 'the registry learned mlflow-run',
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates, versions, aliases, tags, stages and searches models through MlflowClient', async () => {
    const python = await ensurePythonVenv('mlflow', MLFLOW_VERSION);
    const { stdout } = await run(
      python,
      [join(__dirname, 'fixtures/mlflow_registry_client.py'), 'mlflow-run'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          MLFLOW_TRACKING_URI: url,
          MLFLOW_REGISTRY_URI: url,
          MLFLOW_TRACKING_TOKEN: TOKENS.scientist,
          MLFLOW_DISABLE_TELEMETRY: 'true',
          DO_NOT_TRACK: 'true',
          MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0',
        },
        timeout: 120_000,
      },
    );
    expect(stdout).toContain('production refused:');
    expect(stdout).toContain('requires role approver or pipeline');
    expect(stdout.trim().endsWith('OK')).toBe(true);
  }, 600_000);
});
