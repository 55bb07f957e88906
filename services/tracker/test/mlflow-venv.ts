import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The MLflow release the acceptance test pins (installs on Python 3.11 from PyPI). */
export const MLFLOW_VERSION = '3.17.2';
export const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * The official `mlflow` package in a virtualenv in the user's cache (like Maven's ~/.m2 for the
 * broker's jars), keyed by version, so every checkout and CI run on a machine shares it. Created by
 * the test itself on first use (about 4 minutes here, from PyPI) and reused afterwards. Returns the
 * venv's python.
 */
export async function ensureMlflowVenv(version = MLFLOW_VERSION): Promise<string> {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const dir = join(cache, 'provenant', 'venvs', `mlflow-${version}`);
  const python = join(dir, 'bin', 'python');
  if (existsSync(python)) {
    const ok = await run(python, ['-c', 'import mlflow; print(mlflow.__version__)']).then(
      (r) => r.stdout.trim() === version,
      () => false,
    );
    if (ok) return python;
    await rm(dir, { recursive: true, force: true });
  }
  await run('python3', ['-m', 'venv', dir]);
  await run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `mlflow==${version}`],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return python;
}

/** Environment for MLflow client processes: no telemetry, no network beyond the tracker. */
export function mlflowClientEnv(trackingUri: string, token: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MLFLOW_TRACKING_URI: trackingUri,
    MLFLOW_TRACKING_TOKEN: token,
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0',
    PYTHONUNBUFFERED: '1',
  };
}
