import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { s3ClientFrom } from '@provenant/blob-store';
import { startMotoServer, useTestEnv, type MotoServer } from '@provenant/testing';
import { ensureMlflowVenv, mlflowClientEnv } from './mlflow-venv';
import { AUDITOR, SCIENTIST, startTracker, type TrackerUnderTest } from './tracker-app';

const run = promisify(execFile);
const API = '/api/2.0/mlflow';
const hexOf = (s: string) => createHash('sha256').update(s).digest('hex');

/** Logs a file with the official client, downloads it back and prints both. */
const MLFLOW_SCRIPT = `
import json, os, tempfile, mlflow
d = tempfile.mkdtemp()
with open(os.path.join(d, "weights.txt"), "w") as f: f.write("w=3.01\\n")
mlflow.set_experiment("s3-artifacts")
with mlflow.start_run() as r:
    mlflow.log_artifact(os.path.join(d, "weights.txt"), "model")
out = mlflow.artifacts.download_artifacts(run_id=r.info.run_id, artifact_path="model/weights.txt")
print("RESULT " + json.dumps({"run_id": r.info.run_id, "uri": r.info.artifact_uri, "content": open(out).read()}))
`;

/** The tracker with ARTIFACT_STORE_URI=s3://…, against moto's S3-compatible server. */
describe('tracker artifacts in an S3-compatible bucket', () => {
  const env = useTestEnv();
  let moto: MotoServer;
  let t: TrackerUnderTest;
  let experimentId: string;
  const s3 = () => s3ClientFrom(moto.env);
  const keys = async () =>
    ((await s3().send(new ListObjectsV2Command({ Bucket: 'artifacts' }))).Contents ?? []).map((o) => o.Key!);

  beforeAll(async () => {
    moto = await startMotoServer();
    await s3().send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    t = await startTracker(env(), { ...moto.env, ARTIFACT_STORE_URI: 's3://artifacts/tracker' });
    experimentId = (await t.call('POST', `${API}/experiments/create`, { name: 's3' })).body.experiment_id;
  }, 10 * 60_000);

  afterAll(async () => {
    await t?.app.close();
    await moto?.stop();
  });

  const artifactsOf = async () => {
    const created = await t.call('POST', `${API}/runs/create`, { experiment_id: experimentId });
    const base = `${t.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${created.body.run.info.run_id}/artifacts`;
    return {
      put: (path: string, body: string) =>
        fetch(`${base}/${path}`, { method: 'PUT', headers: { authorization: `Bearer ${SCIENTIST}` }, body }),
      get: (path: string) => fetch(`${base}/${path}`, { headers: { authorization: `Bearer ${AUDITOR}` } }),
    };
  };

  it('uploads through the mlflow-artifacts proxy into the bucket, once per content, and downloads it', async () => {
    const a = await artifactsOf();
    expect((await a.put('cfg/a.json', '{"lr":0.1}')).status).toBe(200);
    expect((await a.put('cfg/copy.json', '{"lr":0.1}')).status).toBe(200);
    const hex = hexOf('{"lr":0.1}');
    expect((await keys()).filter((k) => k.endsWith(hex))).toEqual([
      `tracker/sha256/${hex.slice(0, 2)}/${hex}`,
    ]);
    const got = await a.get('cfg/copy.json');
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('{"lr":0.1}');
  });

  it('cuts a download short when the object in the bucket was altered', async () => {
    const a = await artifactsOf();
    await a.put('model.bin', 'original weights');
    const hex = hexOf('original weights');
    const Key = `tracker/sha256/${hex.slice(0, 2)}/${hex}`;
    await s3().send(new PutObjectCommand({ Bucket: 'artifacts', Key, Body: 'altered weights!' }));
    // Small content fails before the headers are sent, larger content mid-body: never complete.
    await expect(a.get('model.bin').then((r) => r.text())).rejects.toThrow();
    expect((await a.put('other.bin', 'intact')).status).toBe(200);
    expect(await (await a.get('other.bin')).text()).toBe('intact');
  });

  it(
    'serves the official mlflow client: log_artifact and download_artifacts through the bucket',
    async () => {
      const python = await ensureMlflowVenv();
      const out = await run(python, ['-c', MLFLOW_SCRIPT], {
        env: mlflowClientEnv(t.url, SCIENTIST),
        timeout: 180_000,
      }).catch((err) => {
        throw new Error(`mlflow script failed:\n${err.stdout}\n${err.stderr}`);
      });
      const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '))!;
      const result = JSON.parse(line.slice('RESULT '.length));
      expect(result.content).toBe('w=3.01\n');
      expect(result.uri).toMatch(/^mlflow-artifacts:\//);
      const hex = hexOf('w=3.01\n');
      expect(await keys()).toContain(`tracker/sha256/${hex.slice(0, 2)}/${hex}`);
    },
    5 * 60_000,
  );
});
