import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createPipelineContext,
  runPipeline,
  type PipelineContext,
  type PipelineOutcome,
} from '@provenant/demo';
import { HttpClient } from '@provenant/sdk';
import { startSixServices, useTestEnv, type SixServices } from '@provenant/testing';
import { runLab1 } from '../01-feature-store/lab';
import { runLab2 } from '../02-reproduce-experiment/lab';
import { runLab3 } from '../03-track-and-compare/lab';
import { runLab4, LAB_MODEL } from '../04-promotion-ci/lab';
import { runLab5 } from '../05-two-environments/lab';
import { runLab6 } from '../06-compliance-report/lab';

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * `npm run demo`'s pipeline and the six labs, against the six services as real processes on
 * this file's private slice of the stack (one boot for all: each lab builds on the last).
 */
describe('the demo pipeline and the six labs', () => {
  let services: SixServices | undefined;
  let outDir = '';
  let outcome: PipelineOutcome;
  let ctx: PipelineContext;
  const saved = { ...process.env };
  afterAll(async () => {
    process.env = saved;
    await ctx?.emitter.disconnect();
    await services?.stop();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });
  const env = useTestEnv();
  const broker = () => ({ brokers: env().kafkaBrokers, topicPrefix: env().topicPrefix });

  beforeAll(async () => {
    services = await startSixServices(env());
    Object.assign(process.env, services.urls);
    outDir = await mkdtemp(path.join(tmpdir(), 'labs-'));
    outcome = await runPipeline({ ...broker(), outDir });
    ctx = await createPipelineContext({ ...broker(), outDir });
  }, 420_000);

  it('demo: promotes the trained artifact, serves predictions with it, proves and explains one', async () => {
    const prod = await ctx.pipeline.registry.modelByAlias(outcome.model, 'production');
    expect(prod.version).toBe(outcome.version);
    expect(prod.artifact_digest).toBe(sha256(await readFile(path.join(outDir, 'model.json'))));
    expect(outcome.predictions).toHaveLength(5);
    for (const p of outcome.predictions) expect(p.statuses).toEqual(['PRESENT', 'PRESENT', 'PRESENT']);
    const history = await ctx.pipeline.registry.promotions(outcome.model);
    expect(history.map((h) => [h.target, h.decision])).toEqual([
      ['production', 'APPROVED'],
      ['staging', 'APPROVED'],
    ]);
    expect(outcome.proof.eventId).toBe(outcome.predictions[0].eventId);
    // The lineage walks from the prediction to the served values, their stream batch, the model,
    // its run, code, environment and training set.
    for (const part of [
      'courier_hourly:conv_rate',
      'ingest batch',
      'STREAM source',
      'model courier-acceptance version',
      'run ',
      'code ',
      'environment sha256:',
      'training dataset courier_acceptance_training',
    ])
      expect(outcome.lineage).toContain(part);
    expect(outcome.reports.map((f) => path.extname(f))).toEqual(['.md', '.html']);
    // The tracker as `npm start` runs it keeps an artifact's bytes whatever its content type.
    const run = await ctx.pipeline.tracker.getRun(outcome.runId);
    const tracker = new HttpClient({
      baseUrl: process.env.PROVENANT_TRACKER_URL!,
      token: 'dev-pipeline-token',
    });
    const root = run.info.artifact_uri.replace(/^mlflow-artifacts:\/*/, '');
    const put = await tracker.raw(
      'PUT',
      `/api/2.0/mlflow-artifacts/artifacts/${root}/notes/cfg.json`,
      Buffer.from('{"a":1}'),
      'application/json',
    );
    expect(put.status).toBe(200);
    expect((await ctx.pipeline.tracker.downloadArtifact(run.info, 'notes/cfg.json')).toString()).toBe(
      '{"a":1}',
    );
  });

  it('lab 1: point-in-time joins, TTL and late data', async () => {
    const r = await runLab1(ctx);
    expect(r.pit.joined).toBe(r.pit.inForce);
    expect(r.pit.inForce).not.toBe(r.pit.nextHour);
    expect(r.staleStatus).toBe('NOT_FOUND');
    expect(r.ttlJoin).toEqual([0.11, null]);
    expect(r.afterLate).toEqual({ status: 'PRESENT', value: 0.42 });
    expect(r.active).toEqual({ before: 0.7, after: 0.7 });
  }, 180_000);

  it('lab 2: a re-run from versioned data reproduces the artifact', async () => {
    const r = await runLab2(ctx);
    expect(r.rebuiltAsOf.trainingSet).toBe(r.original.trainingSet);
    expect(r.rebuiltAsOf.artifact).toBe(r.original.artifact);
    expect(r.rebuiltLatest.trainingSet).not.toBe(r.original.trainingSet);
    expect(r.rebuiltLatest.differingValues).toBe(1);
    expect(r.verdict).toBe('REPRODUCED');
  }, 180_000);

  it('lab 3: runs from the SDK and the MLflow client, searched and compared', async () => {
    const r = await runLab3(ctx);
    expect(r.found).toEqual(expect.arrayContaining([r.runs.sdkLong, r.runs.mlflow]));
    expect(r.found).not.toContain(r.runs.sdkShort);
    expect(r.comparison.params.params.epochs).toBeUndefined(); // both 400: no difference
    // DVC's shape lists only what differs: auc and log_loss were logged by the SDK run only; the
    // two implementations agree on accuracy (listed only if it differs, and then barely).
    expect(r.comparison.metrics.metrics.auc).toMatchObject({ old: expect.any(Number), new: null });
    expect(Math.abs(r.comparison.metrics.metrics.accuracy?.diff ?? 0)).toBeLessThan(0.01);
  }, 600_000);

  it('lab 4: the CI workflow stops the weak version at the gate and promotes the strong one', async () => {
    const r = await runLab4(ctx);
    expect(r.weak.ok).toBe(false);
    const failed = r.weak.steps.at(-1)!;
    expect(failed.job).toBe('request-production');
    expect(failed.output).toMatch(/metrics\.log_loss\s*│\s*FAILED/);
    expect(r.strong.ok).toBe(true);
    expect(r.strong.steps.map((s) => s.job)).toEqual([
      'register',
      'staging',
      'request-production',
      'production',
      'production',
    ]);
    expect(r.production).toBe('2');
    expect(r.history.filter((h) => h.target === 'production').map((h) => [h.version, h.decision])).toEqual([
      [2, 'APPROVED'],
      [1, 'REJECTED'],
    ]);
    void LAB_MODEL;
  }, 300_000);

  it('lab 5: two environments, identical results', async () => {
    const r = await runLab5(ctx, broker());
    expect(r.second.artifact).toBe(r.local.artifact);
    expect(r.second.fingerprint).not.toBe(r.local.fingerprint);
    expect(r.parity.differences.map((d) => d.path)).toEqual(
      expect.arrayContaining(['variables.TZ', 'variables.LANG']),
    );
    expect(r.reproducibility.verdict).toBe('REPRODUCED');
  }, 300_000);

  it('lab 6: the reproducibility report, every claim proved', async () => {
    const r = await runLab6(ctx, outcome.model, outcome.version);
    expect(r.report.missing).toEqual([]);
    expect(r.report.code).toMatchObject({ commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(r.report.promotions.map((p) => [p.target, p.decision])).toEqual(
      expect.arrayContaining([['production', 'APPROVED']]),
    );
    expect(r.report.modelCard).not.toBeNull();
    expect(r.report.annexIV.length).toBeGreaterThan(5);
    expect(r.verified).toMatch(/✓ checkpoint signature and \d+ inclusion proofs/);
    expect((await readFile(r.files[2], 'utf8')).startsWith('<!doctype html>')).toBe(true);
  }, 180_000);
});
