import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ServiceName } from './endpoints';
import { waitUntilReady } from './readiness';
import { probeService } from './service-probes';
import { StackContext } from './stack-context';

const run = promisify(execFile);

/** Docker is opt-in (`--docker` or PROVENANT_STACK=docker): the native stack needs no engine. */
export function dockerRequested(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  return flag || env.PROVENANT_STACK === 'docker';
}

export async function dockerEngineAvailable(): Promise<boolean> {
  try {
    await run('docker', ['info'], { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/** `docker compose up -d` for the infrastructure services of the repo's compose file, then waits for them. */
export async function composeUp(services: readonly ServiceName[], context: StackContext): Promise<void> {
  await compose(context, ['up', '-d', ...services]);
  for (const name of services) {
    await waitUntilReady({
      service: name,
      probe: () => probeService(name, context.endpoints),
      timeoutMs: 120_000,
      hint: `see \`docker compose logs ${name}\``,
    });
    context.log(`${name}: ready (docker compose)`);
  }
}

export async function composeStop(services: readonly ServiceName[], context: StackContext): Promise<void> {
  await compose(context, ['stop', ...services]);
  context.log(`stopped with docker compose: ${services.join(', ')}`);
}

async function compose(context: StackContext, args: string[]): Promise<void> {
  if (!(await dockerEngineAvailable())) {
    throw new Error('stack: Docker was requested but `docker info` fails: no Docker engine is reachable');
  }
  const file = path.join(context.paths.repoRoot, 'docker-compose.yml');
  if (!fs.existsSync(file)) throw new Error(`stack: ${file} does not exist`);
  context.log(`stack: docker compose ${args.join(' ')}…`);
  await run('docker', ['compose', '-f', file, ...args], {
    cwd: context.paths.repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stderr?: string }) => {
    throw new Error(`stack: docker compose ${args[0]} failed:\n${error.stderr ?? String(error)}`);
  });
}
