import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { useTestEnv } from '@provenant/testing';
import { ensureMlflowVenv, mlflowClientEnv, REPO_ROOT } from './mlflow-venv';
import { countByType, publishedRunEvents } from './run-events';
import { SCIENTIST, startTracker, type TrackerUnderTest } from './tracker-app';

const run = promisify(execFile);

/**
 * Acceptance: the official MLflow Python client, unchanged, against the tracker. The script logs
 * and reads back through the client; the assertions check both what the client saw and what the
 * tracker stored and published.
 */
describe('the official mlflow client', () => {
  const env = useTestEnv();
  let t: TrackerUnderTest;
  let python: string;
  let summary: any;
  let stderr: string;

  beforeAll(async () => {
    python = await ensureMlflowVenv();
    t = await startTracker(env());
    const out = await run(python, [join(REPO_ROOT, 'examples/mlflow-client/train.py')], {
      env: mlflowClientEnv(t.url, SCIENTIST),
      timeout: 180_000,
    }).catch((err) => {
      throw new Error(`train.py failed:\n${err.stdout}\n${err.stderr}`);
    });
    stderr = out.stderr;
    const line = out.stdout.split('\n').find((l) => l.startsWith('SUMMARY '));
    if (!line) throw new Error(`train.py printed no summary:\n${out.stdout}\n${stderr}`);
    summary = JSON.parse(line.slice('SUMMARY '.length));
  }, 15 * 60_000);

  afterAll(() => t?.app.close());

  it('logs params, tags, inputs and a batch, and reads them back', () => {
    expect(summary.runs).toHaveLength(2);
    for (const r of summary.runs) {
      expect(r.status).toBe('FINISHED');
      expect(r.params).toEqual({ lr: String(r.lr), epochs: '20', model: 'linear', optimizer: 'sgd' });
      expect(r.tags).toEqual({ team: 'fraud', stage: 'dev', batch_logged: 'yes' });
      expect(r.datasets).toEqual(['lines']);
    }
  });

  it('keeps the whole metric history in logging order', () => {
    const history = summary.runs[0].loss_history as number[];
    expect(history).toHaveLength(20);
    expect(history[19]).toBeLessThan(history[0]);
  });

  it('uploads artifacts through the proxy, lists them and downloads them byte for byte', () => {
    const r = summary.runs[0];
    expect(r.artifacts).toEqual(['model.json', 'reports']);
    expect(r.report_artifacts).toEqual(['reports/copy', 'reports/notes.txt']);
    expect(r.downloaded_model).toEqual({ w: expect.any(Number), b: expect.any(Number) });
    expect(r.downloaded_reports).toEqual(['copy/notes.txt', 'notes.txt']);
  });

  it('searches with a filter and an order', () => {
    // Both runs reach w > 2.9; only lr=0.05 reaches w > 3, and it has the lower loss.
    const fast = summary.runs.find((r: any) => r.lr === 0.05).run_id;
    expect(summary.search).toEqual([fast]);
    expect(summary.best).toBe(fast);
  });

  it('stores identical artifact content once, and publishes each change as an event', async () => {
    const db = new Client({ connectionString: env().databaseUrl });
    await db.connect();
    try {
      const blobs = await db.query(
        `SELECT count(DISTINCT digest)::int AS n, count(*)::int AS files FROM tracker.artifacts`,
      );
      // Four notes.txt uploads share one blob; two model.json files differ.
      expect(blobs.rows[0]).toEqual({ n: 3, files: 6 });
      const events = await publishedRunEvents(env());
      const counts = countByType(events);
      expect(counts).toMatchObject({
        ExperimentCreated: 1,
        RunStarted: 2,
        RunCompleted: 2,
        ArtifactLogged: 6,
        RunInputsLogged: 2,
      });
      // 20 loss points per run arrive one request each; never one event per point of a batch.
      expect(counts.RunMetricsLogged).toBeLessThanOrEqual(2 * (20 + 2 + 1));
      const completed = events.filter((e) => e.eventType === 'RunCompleted').map((e) => e.value);
      expect(completed[0].artifacts.map((a: any) => a.path).sort()).toEqual([
        'model.json',
        'reports/copy/notes.txt',
        'reports/notes.txt',
      ]);
      expect(completed[0].meta.used.map((r: any) => r.kind)).toContain('dataset');
      expect(completed[0].meta.generated.filter((r: any) => r.kind === 'artifact')).toHaveLength(2);
    } finally {
      await db.end();
    }
  });
});
