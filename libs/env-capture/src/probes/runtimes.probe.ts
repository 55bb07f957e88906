import { realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ComponentData } from '../manifest';
import { parseKeyValues, readOptional, run, which } from './system';

/** Runtime components: `runtime.node` always, `runtime.python` and `runtime.java` when installed. */
export async function runtimeComponents(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<Record<string, ComponentData>> {
  const [python, java] = await Promise.all([pythonVersion(env, cwd), javaRuntime(env)]);
  const out: Record<string, ComponentData> = { 'runtime.node': { version: process.versions.node } };
  if (python) out['runtime.python'] = { version: python };
  if (java) out['runtime.java'] = java;
  return out;
}

/**
 * The `python3` a shell would run. A pyenv shim is a bash script that takes ~0.5 s to start, so
 * for shims the version is resolved as pyenv does (PYENV_VERSION, then `.python-version` up from
 * the working directory, then `$PYENV_ROOT/version`) and that interpreter is asked directly.
 */
async function pythonVersion(env: NodeJS.ProcessEnv, cwd: string): Promise<string | null> {
  const found = await which('python3', env);
  if (!found) return null;
  let interpreter = found;
  const shims = /^(.*)\/shims\/python3$/.exec(found);
  if (shims) {
    const version = await pyenvVersion(env.PYENV_ROOT ?? shims[1], env, cwd);
    if (version && version !== 'system')
      interpreter = join(env.PYENV_ROOT ?? shims[1], 'versions', version, 'bin', 'python3');
  }
  const answer = await run(interpreter, ['--version']);
  const match = /Python\s+(\S+)/.exec(`${answer?.stdout ?? ''}${answer?.stderr ?? ''}`);
  return match ? match[1] : null;
}

async function pyenvVersion(root: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | null> {
  const first = (text: string | null | undefined) => text?.split(/[\s:]+/).find(Boolean) ?? null;
  if (env.PYENV_VERSION) return first(env.PYENV_VERSION);
  for (let dir = cwd; ; dir = dirname(dir)) {
    const local = await readOptional(join(dir, '.python-version'));
    if (local !== null) return first(local);
    if (dirname(dir) === dir) break;
  }
  return first(await readOptional(join(root, 'version')));
}

/**
 * Java from the JDK's `release` file (JAVA_HOME, else beside the `java` on PATH), which says the
 * same as `java -version` without starting a JVM (~130 ms).
 */
async function javaRuntime(env: NodeJS.ProcessEnv): Promise<ComponentData | null> {
  let home = env.JAVA_HOME ?? null;
  if (!home) {
    const java = await which('java', env);
    if (!java) return null;
    home = dirname(dirname(await realpath(java).catch(() => java)));
  }
  const releaseFile = await readOptional(join(home, 'release'));
  if (releaseFile) {
    const fields = parseKeyValues(releaseFile);
    if (fields.JAVA_VERSION) return { version: fields.JAVA_VERSION, vendor: fields.IMPLEMENTOR ?? null };
  }
  const answer = await run(join(home, 'bin', 'java'), ['-version']);
  const match = /version "([^"]+)"/.exec(answer?.stderr ?? '');
  return match ? { version: match[1], vendor: null } : null;
}
