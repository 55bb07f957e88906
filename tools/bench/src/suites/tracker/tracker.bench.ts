import { Client } from 'pg';
import type { TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { JsonClient } from './load';
import { ensureMlflowServerVenv, startMlflowServer } from './mlflow-server';
import { postgresFloor } from './postgres-floor';
import { SEED_RUNS, seedMlflow, seedTracker } from './seed';
import { startService } from '../../service-process';
import { createExperiment, runWorkload, type Figures } from './workload';

const SCHEMA = 'tracker';

async function seeded(progress: (l: string) => void, what: string, seed: () => Promise<void>) {
  const started = performance.now();
  await seed();
  progress(
    `seeded ${SEED_RUNS.toLocaleString('en')} runs into ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** The tracker (own process), then raw PostgreSQL on its tables, then `mlflow server`: one at a time. */
export async function trackerBench(env: TestEnv, progress: (l: string) => void): Promise<BenchResult[]> {
  const python = await ensureMlflowServerVenv(progress);

  progress('tracker: starting');
  // TRACKER_BENCH_CPU_PROF=DIR profiles the tracker; TRACKER_BENCH_LOG=info shows its logs.
  const tracker = await startService('tracker', env, {
    cpuProfDir: process.env.TRACKER_BENCH_CPU_PROF,
    showLogs: Boolean(process.env.TRACKER_BENCH_LOG),
    env: { LOG_LEVEL: process.env.TRACKER_BENCH_LOG ?? 'warn' },
  });
  const trackerApi = new JsonClient(tracker.url, { authorization: 'Bearer dev-scientist-token' });
  let ours: Figures;
  let floor: Figures;
  try {
    const write = await createExperiment(trackerApi, 'bench-write');
    const search = await createExperiment(trackerApi, 'bench-search');
    const sql = new Client({ connectionString: env.databaseUrl });
    await sql.connect();
    await seeded(progress, 'the tracker', () => seedTracker(sql, SCHEMA, search)).finally(() => sql.end());
    progress('tracker: workload');
    ours = await runWorkload(trackerApi, write, search, progress);
    progress('raw PostgreSQL on the tracker tables: workload');
    floor = await postgresFloor(env.databaseUrl, SCHEMA, write, search);
  } finally {
    trackerApi.close();
    await tracker.stop();
  }

  const mlflow = await startMlflowServer(env, python, progress);
  const mlflowApi = new JsonClient(mlflow.url);
  let theirs: Figures;
  try {
    const write = await createExperiment(mlflowApi, 'bench-write');
    const search = await createExperiment(mlflowApi, 'bench-search');
    const { experiment } = (await (
      await fetch(`${mlflow.url}/api/2.0/mlflow/experiments/get?experiment_id=${search}`)
    ).json()) as { experiment: { artifact_location: string } };
    await seeded(progress, 'mlflow', () => seedMlflow(mlflow.sql, search, experiment.artifact_location));
    progress('mlflow server: workload');
    theirs = await runWorkload(mlflowApi, write, search, progress);
  } finally {
    mlflowApi.close();
    await mlflow.stop();
  }

  const vsMlflow = '(floor: mlflow server)';
  const vsPostgres = '(floor: raw PostgreSQL)';
  return [
    result(
      `log-batch 10 metrics @20, mean ${vsMlflow}`,
      ours.logBatchMs,
      'ms',
      theirs.logBatchMs,
      '<= 10 ms',
    ),
    result(
      `log-batch 10 metrics @20 ${vsMlflow}`,
      ours.pointsPerSecond,
      'points/s',
      theirs.pointsPerSecond,
      '>= 50,000 points/s',
    ),
    result(
      `search-runs 1,000 of 100,000 @20, mean ${vsMlflow}`,
      ours.searchMs,
      'ms',
      theirs.searchMs,
      '<= 100 ms',
    ),
    result(`create-run @20, mean ${vsMlflow}`, ours.createRunMs, 'ms', theirs.createRunMs, '<= 10 ms'),
    result(`log-batch 10 metrics @20, mean ${vsPostgres}`, ours.logBatchMs, 'ms', floor.logBatchMs, 'info'),
    result(
      `log-batch 10 metrics @20 ${vsPostgres}`,
      ours.pointsPerSecond,
      'points/s',
      floor.pointsPerSecond,
      'info',
    ),
    result(
      `search-runs 1,000 of 100,000 @20, mean ${vsPostgres}`,
      ours.searchMs,
      'ms',
      floor.searchMs,
      'info',
    ),
    result(`create-run @20, mean ${vsPostgres}`, ours.createRunMs, 'ms', floor.createRunMs, 'info'),
    // The least any search of 1,000 runs reads, against the search target: the floor's own figure.
    result(
      'raw PostgreSQL: the page of 1,000 runs alone @20, mean (no params/tags/metrics, no HTTP)',
      floor.searchPageMs ?? NaN,
      'ms',
      null,
      '<= 100 ms',
    ),
    result('failed requests, tracker', ours.failed, 'requests', null, '0'),
    result('failed requests, mlflow server', theirs.failed, 'requests', null, '0'),
  ];
}
