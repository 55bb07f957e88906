import { resolve } from 'node:path';
import { ensurePythonVenv, MLFLOW_VERSION } from '@provenant/testing';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** The official `mlflow` package in a cached virtualenv (created from PyPI on first use, ~4 min). */
export const ensureMlflowVenv = () => ensurePythonVenv('mlflow', MLFLOW_VERSION);

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
