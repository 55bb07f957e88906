import { posix } from 'node:path';
import { MlflowError } from '@provenant/platform';

/** A path under the artifact root: relative, normalised, never escaping the root. */
export function safeArtifactPath(raw: string): string {
  const path = raw.replace(/^\/+/, '');
  const norm = posix.normalize(path);
  if (path === '' || norm !== path || norm.startsWith('..') || path.includes('\0'))
    throw MlflowError.invalid(`Invalid artifact path: '${raw}'.`);
  return path;
}

/**
 * Runs' artifact URIs are `mlflow-artifacts:/<experiment>/<run>/artifacts`, so a proxied path
 * names its run; other paths (e.g. MLflow 3 logged models) are stored without one.
 */
export function runOfArtifactPath(
  path: string,
): { experimentId: string; runId: string; relative: string } | undefined {
  const m = /^(\d+)\/([0-9a-f]{32})\/artifacts\/(.+)$/.exec(path);
  return m ? { experimentId: m[1], runId: m[2], relative: m[3] } : undefined;
}
