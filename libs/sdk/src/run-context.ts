import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { captureEnvironment, type EnvironmentManifest } from '@provenant/env-capture';
import type { RunDescription } from './clients/env-verifier.client';
import type { DatasetInput, RunInfo } from './clients/tracker.client';
import type { Provenant } from './provenant';

const sha256 = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface RunContextOptions {
  experiment: string;
  runName: string;
  params: Record<string, string | number | boolean>;
  /** Dataset versions and training sets the run reads (`digest` = `sha256:<hex>`). */
  inputs?: (DatasetInput & { context?: string })[];
  tags?: Record<string, string>;
  /** Where the git repository and lockfiles are looked for; default the working directory. */
  root?: string;
  /** Where this runs: dev, ci, container… (recorded with the environment). */
  label?: string;
}

export interface RunHandle {
  run: RunInfo;
  logMetrics(metrics: Record<string, number>, step?: number): Promise<void>;
  /** Uploads an artifact and remembers its digest (the run's outputs). */
  logArtifact(path: string, bytes: Uint8Array): Promise<string>;
}

export interface TrackedRun<T> {
  run: RunInfo;
  result: T;
  environment: EnvironmentManifest;
  /** The run's facts as env-verifier compares them (reproducibility checks). */
  description: RunDescription;
}

/**
 * Runs `train` inside a tracked run, recording what makes it reproducible: the code (git
 * commit, dirty flag, digest of the uncommitted diff), the environment (captured, fingerprinted
 * and recorded in env-verifier), params and data inputs; then the metrics and artifacts `train`
 * logs. The run ends FINISHED, or FAILED when `train` throws (the error is rethrown).
 */
export async function trackRun<T>(
  p: Provenant,
  o: RunContextOptions,
  train: (run: RunHandle) => Promise<T>,
): Promise<TrackedRun<T>> {
  const environment = await captureEnvironment({ root: o.root, label: o.label ?? null });
  const git = environment.git;
  const diffDigest = git?.dirty ? await gitDiffDigest(o.root ?? process.cwd()) : null;
  const experimentId = await p.tracker.ensureExperiment(o.experiment);
  const run = await p.tracker.createRun(experimentId, o.runName, {
    ...o.tags,
    ...(git
      ? { 'mlflow.source.git.commit': git.commit, 'provenant.source.git.dirty': String(git.dirty ?? false) }
      : {}),
    ...(git?.branch ? { 'mlflow.source.git.branch': git.branch } : {}),
    ...(diffDigest ? { 'provenant.source.git.diff_digest': diffDigest } : {}),
    'provenant.env.fingerprint': environment.fingerprint,
  });
  await p.env.capture(environment, run.run_id);
  await p.tracker.logBatch(run.run_id, { params: o.params });
  if (o.inputs?.length)
    await p.tracker.logInputs(
      run.run_id,
      o.inputs.map(({ context, ...dataset }) => ({ dataset, context })),
    );
  const metrics: Record<string, number> = {};
  const outputs: { name: string; digest: string }[] = [];
  const handle: RunHandle = {
    run,
    async logMetrics(m, step) {
      await p.tracker.logBatch(run.run_id, { metrics: m, step });
      Object.assign(metrics, m);
    },
    async logArtifact(path, bytes) {
      await p.tracker.uploadArtifact(run, path, bytes);
      const digest = sha256(bytes);
      outputs.push({ name: path, digest });
      return digest;
    },
  };
  let result: T;
  try {
    result = await train(handle);
  } catch (err) {
    await p.tracker.endRun(run.run_id, 'FAILED').catch(() => undefined);
    throw err;
  }
  await p.tracker.endRun(run.run_id, 'FINISHED');
  const description: RunDescription = {
    runId: run.run_id,
    experimentId,
    commit: git?.commit ?? null,
    params: Object.fromEntries(Object.entries(o.params).map(([k, v]) => [k, String(v)])),
    inputs: (o.inputs ?? []).map((i) => ({ name: i.name, digest: i.digest })),
    outputs,
    metrics,
    environment: environment.fingerprint,
  };
  return { run, result, environment, description };
}

async function gitDiffDigest(root: string): Promise<string | null> {
  const out = await promisify(execFile)('git', ['-C', root, 'diff', 'HEAD'], {
    maxBuffer: 256 * 1024 * 1024,
  }).catch(() => null);
  return out ? sha256(out.stdout) : null;
}
