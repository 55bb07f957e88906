import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensurePythonVenv, MLFLOW_VERSION, waitFor, type TestEnv } from '@provenant/testing';
import { freePort } from '@provenant/stack';

/** MLflow's SQL store reaches PostgreSQL through SQLAlchemy's default driver, psycopg2. */
const PSYCOPG2 = 'psycopg2-binary==2.9.13';

/**
 * A virtualenv with the official `mlflow` and psycopg2, in the user's cache beside the acceptance
 * test's (which has no PostgreSQL driver). Created from PyPI on first use, reused afterwards.
 */
export const ensureMlflowServerVenv = (progress: (l: string) => void) =>
  ensurePythonVenv('mlflow', MLFLOW_VERSION, {
    alongside: [PSYCOPG2],
    name: `mlflow-${MLFLOW_VERSION}-postgres`,
    onInstall: progress,
  });

export interface MlflowServer {
  url: string;
  /** SQL against MLflow's own database (for seeding). */
  sql: Client;
  stop(): Promise<void>;
}

/**
 * `mlflow server` as its docs describe a team server: PostgreSQL backend store (its own database
 * on the stack's server, created here and dropped by stop()), its default 4 uvicorn workers with a
 * lenient worker health check, artifacts in a temporary directory.
 */
export async function startMlflowServer(
  env: TestEnv,
  python: string,
  progress: (l: string) => void,
): Promise<MlflowServer> {
  const database = `${env.databaseName}_mlflow`;
  const admin = new Client({ connectionString: env.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  const url = new URL(env.databaseUrl);
  // Named explicitly: MLflow 3 otherwise picks SQLAlchemy's psycopg (3) dialect.
  url.protocol = 'postgresql+psycopg2:';
  url.pathname = `/${database}`;
  const work = await mkdtemp(join(tmpdir(), 'mlflow-bench-'));
  const port = await freePort();
  progress(
    `starting mlflow server ${MLFLOW_VERSION} on :${port} (backend ${database}; first start migrates)`,
  );
  // Its own process group, so stop() ends the server and its workers, and nothing else.
  const child = spawn(
    python,
    ['-m', 'mlflow', 'server', '--backend-store-uri', url.toString(), '--artifacts-destination', work]
      .concat(['--host', '127.0.0.1', '--port', String(port)])
      // uvicorn's supervisor restarts a worker that misses a 5 s health ping: on a saturated
      // machine it killed busy workers mid-request ("socket hang up"). Defaults otherwise.
      .concat(['--uvicorn-opts', '--timeout-worker-healthcheck 120']),
    {
      cwd: work,
      detached: true,
      stdio: ['ignore', 'ignore', process.env.TRACKER_BENCH_MLFLOW_LOG ? 'inherit' : 'ignore'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MLFLOW_DISABLE_TELEMETRY: 'true',
        DO_NOT_TRACK: 'true',
      },
    },
  );
  const sql = new Client({ connectionString: url.toString().replace(/^postgresql\+psycopg2:/, 'postgres:') });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    await sql.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
    await rm(work, { recursive: true, force: true });
  };
  try {
    const base = `http://127.0.0.1:${port}`;
    const outcome = await waitFor(
      async () =>
        child.exitCode !== null
          ? 'exited'
          : (await fetch(`${base}/health`).catch(() => undefined))?.status === 200 && 'up',
      { timeoutMs: 300_000, intervalMs: 500, description: 'mlflow server healthy' },
    );
    if (outcome === 'exited')
      throw new Error(`mlflow server exited with ${child.exitCode} (TRACKER_BENCH_MLFLOW_LOG=1 shows why)`);
    await sql.connect();
    return { url: base, sql, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
