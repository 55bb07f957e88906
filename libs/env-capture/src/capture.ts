import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { buildManifest, type ComponentData, type EnvironmentManifest } from './manifest';
import { lockfileComponent, recognisedLockfiles } from './lockfiles/discover-lockfiles';
import { parseRequirements } from './lockfiles/requirements.parser';
import { containerComponent, dockerfileComponent } from './probes/container.probe';
import { envVarsComponent } from './probes/env-vars.probe';
import { gitState } from './probes/git.probe';
import { gpuComponent } from './probes/gpu.probe';
import { cpuComponent, osComponent } from './probes/os.probe';
import { runtimeComponents } from './probes/runtimes.probe';
import { run } from './probes/system';

export interface CaptureOptions {
  /** Where lockfiles, the Dockerfile and the git repository are looked for. Default: the working directory. */
  root?: string;
  /** Lockfiles to read, relative to root. Default: every recognised lockfile directly in root. */
  lockfiles?: string[];
  /** Dockerfiles to digest, relative to root. Default: `Dockerfile` in root when present. */
  dockerfiles?: string[];
  /** More variables (or `PREFIX_*`) to record, beside DEFAULT_ENV_ALLOWLIST. Secret-looking ones are still refused. */
  envAllowlist?: string[];
  /** Also record `python3 -m pip freeze` (slow: starts Python and scans site-packages). */
  pipFreeze?: boolean;
  label?: string | null;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/**
 * Captures this machine's environment as a fingerprinted manifest. Probes run concurrently and
 * each reads files directly where it can, because a subprocess costs milliseconds (a JVM, a pyenv
 * shim, hundreds): the whole capture stays well under 300 ms without large package listings.
 */
export async function captureEnvironment(options: CaptureOptions = {}): Promise<EnvironmentManifest> {
  const root = resolve(options.root ?? process.cwd());
  const env = options.env ?? process.env;
  const entries = options.lockfiles && options.dockerfiles ? [] : await readdir(root).catch(() => []);
  const lockfiles = options.lockfiles ?? recognisedLockfiles(entries);
  const dockerfiles = options.dockerfiles ?? entries.filter((name) => name === 'Dockerfile');

  const [os, cpu, runtimes, git, container, gpu, locks, docker, pip] = await Promise.all([
    osComponent(),
    cpuComponent(),
    runtimeComponents(env, root),
    gitState(root),
    containerComponent(env),
    gpuComponent(env),
    Promise.all(lockfiles.map((file) => lockfileComponent(root, file))),
    Promise.all(dockerfiles.map((file) => dockerfileComponent(root, file))),
    options.pipFreeze ? pipFreezeComponent() : Promise.resolve(null),
  ]);

  const components: Record<string, ComponentData> = {
    os,
    cpu,
    ...runtimes,
    'env-vars': envVarsComponent(env, options.envAllowlist),
    ...Object.fromEntries(locks),
    ...Object.fromEntries(docker),
  };
  if (container) components.container = container;
  if (gpu) components.gpu = gpu;
  if (pip) components['python.packages'] = pip;

  return buildManifest(components, {
    capturedAt: (options.now ?? (() => new Date()))().toISOString(),
    host: hostname(),
    label: options.label ?? null,
    git,
  });
}

async function pipFreezeComponent(): Promise<ComponentData> {
  const answer = await run('python3', ['-m', 'pip', 'freeze', '--all'], 60_000);
  if (!answer) throw new Error('python3 -m pip freeze failed: is pip installed for python3?');
  return { format: 'pip-freeze', packages: parseRequirements('pip freeze', answer.stdout).packages };
}
