import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PyPI package in a virtualenv cached per version under ~/.cache/provenant/venvs/<pkg>-<version>
 * (the layout of services/tracker/test/mlflow-venv.ts and the registry's DVC venv), created by the
 * test on first use so that nothing installed by hand is needed. Returns the venv's python.
 */
export async function ensurePythonVenv(pkg: string, version: string, extras = ''): Promise<string> {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const dir = join(cache, 'provenant', 'venvs', `${pkg}-${version}`);
  const python = join(dir, 'bin', 'python');
  const installed = async () =>
    run(python, ['-m', 'pip', 'show', pkg]).then(
      (r) => r.stdout.includes(`Version: ${version}`),
      () => false,
    );
  if (existsSync(python) && (await installed())) return python;
  await rm(dir, { recursive: true, force: true });
  await run('python3', ['-m', 'venv', dir]);
  await run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `${pkg}${extras}==${version}`],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return python;
}
