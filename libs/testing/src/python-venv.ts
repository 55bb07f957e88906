import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The MLflow release every test, lab and bench that drives real MLflow pins (installs on Python 3.11). */
export const MLFLOW_VERSION = '3.17.2';

export interface VenvOptions {
  /** pip extras of the package, e.g. `[server]` */
  extras?: string;
  /** further requirements installed beside it, e.g. a database driver */
  alongside?: string[];
  /** the venv's folder name when it differs from `<pkg>-<version>` (e.g. with `alongside`) */
  name?: string;
  /** told before a (slow, first-time) install starts */
  onInstall?: (message: string) => void;
}

/**
 * A PyPI package in a virtualenv cached under ~/.cache/provenant/venvs/<pkg>-<version> (like
 * Maven's ~/.m2 for the broker's jars), so every checkout and CI run on a machine shares it.
 * Created on first use, so nothing installed by hand is needed; returns the venv's python.
 */
export async function ensurePythonVenv(pkg: string, version: string, options: VenvOptions = {}): Promise<string> {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const dir = join(cache, 'provenant', 'venvs', options.name ?? `${pkg}-${version}`);
  const python = join(dir, 'bin', 'python');
  const alongside = options.alongside ?? [];
  const installed = async () =>
    run(python, ['-m', 'pip', 'show', pkg, ...alongside.map((r) => r.split(/[=<>[]/)[0])]).then(
      (r) => r.stdout.includes(`Version: ${version}`),
      () => false, // pip show fails when any of them is missing
    );
  if (existsSync(python) && (await installed())) return python;
  const requirements = [`${pkg}${options.extras ?? ''}==${version}`, ...alongside];
  options.onInstall?.(`installing ${requirements.join(' ')} into ${dir} (once, a few minutes)`);
  await rm(dir, { recursive: true, force: true });
  await run('python3', ['-m', 'venv', dir]);
  await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return python;
}
