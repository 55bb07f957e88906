import { closedLoop, type LoadResult } from '../../closed-loop';
import type { JsonClient } from './load';
import { SEED_RUNS } from './seed';

export const CLIENTS = 20;
export const BATCH_METRICS = 10;
export const PAGE = 1_000;
const SECONDS = Number(process.env.TRACKER_BENCH_SECONDS ?? 5);
const API = '/api/2.0/mlflow';

export interface Figures {
  createRunMs: number;
  logBatchMs: number;
  pointsPerSecond: number;
  searchMs: number;
  /** Raw PostgreSQL only: the page of runs alone, without their params, tags and metrics. */
  searchPageMs?: number;
  /** Requests that failed in the three timed phases. */
  failed: number;
}

/** What each phase sends; the same bodies go to the tracker and to MLflow. */
export const bodies = {
  createRun: (experimentId: string) => ({
    experiment_id: experimentId,
    start_time: Date.now(),
    tags: [
      { key: 'mlflow.user', value: 'bench' },
      { key: 'mlflow.source.type', value: 'LOCAL' },
    ],
  }),
  logBatch: (runId: string, step: number) => ({
    run_id: runId,
    metrics: Array.from({ length: BATCH_METRICS }, (_, k) => ({
      key: `m${k}`,
      value: Math.random(),
      timestamp: Date.now(),
      step,
    })),
  }),
  // As the mlflow-go k6 script: one experiment, max_results=1000, no filter, default order.
  search: (experimentId: string) => ({ experiment_ids: [experimentId], max_results: PAGE }),
};

export async function createExperiment(api: JsonClient, name: string): Promise<string> {
  return (await api.post(`${API}/experiments/create`, { name })).experiment_id;
}

/**
 * The workload against one server, 20 closed-loop clients per phase: create-run, then
 * log-batch of 10 metrics (each client to its own run, the step counting up), then search-runs
 * for the first 1,000 of the experiment's 100,000 runs. A short warm-up precedes each phase.
 */
export async function runWorkload(
  api: JsonClient,
  writeExperiment: string,
  searchExperiment: string,
  progress: (l: string) => void,
): Promise<Figures> {
  const createRun = async () =>
    (await api.post(`${API}/runs/create`, bodies.createRun(writeExperiment))).run.info.run_id as string;
  await closedLoop(CLIENTS, 1, createRun);
  const create = await closedLoop(CLIENTS, SECONDS, createRun);
  report(progress, 'create-run', create);

  const runs: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runs.push(await createRun());
  const steps = new Array<number>(CLIENTS).fill(0);
  const logBatch = (c: number) =>
    api.post(`${API}/runs/log-batch`, bodies.logBatch(runs[c], steps[c]++), false);
  await closedLoop(CLIENTS, 1, logBatch);
  const batch = await closedLoop(CLIENTS, SECONDS, logBatch);
  report(progress, 'log-batch', batch);

  const first = await api.post(`${API}/runs/search`, bodies.search(searchExperiment));
  if (first.runs?.length !== PAGE || !first.next_page_token)
    throw new Error(
      `search returned ${first.runs?.length} runs, expected ${PAGE} of ${SEED_RUNS} and a next page`,
    );
  const search = () => api.post(`${API}/runs/search`, bodies.search(searchExperiment), false);
  await closedLoop(CLIENTS, 1, search);
  const found = await closedLoop(CLIENTS, SECONDS, search);
  report(progress, 'search-runs', found);

  return {
    createRunMs: create.meanMs,
    logBatchMs: batch.meanMs,
    pointsPerSecond: batch.perSecond * BATCH_METRICS,
    searchMs: found.meanMs,
    failed: create.failed + batch.failed + found.failed,
  };
}

function report(progress: (l: string) => void, phase: string, r: LoadResult): void {
  const failures = r.failed ? `, ${r.failed} failed (first: ${r.firstError?.slice(0, 160)})` : '';
  progress(`  ${phase}: ${r.calls} calls, mean ${r.meanMs.toFixed(1)} ms${failures}`);
}
