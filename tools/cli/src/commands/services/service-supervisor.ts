import fs from 'node:fs';
import path from 'node:path';
import {
  runningPidFromFile,
  spawnDetached,
  stackPaths,
  terminate,
  type StackEndpoints,
} from '@provenant/stack';
import { SERVICE_CATALOG, serviceUrl, type ServiceName } from '@provenant/sdk';

export interface RunningService {
  name: ServiceName;
  pid: number;
  url: string;
  logFile: string;
}

const paths = stackPaths();
const pidFile = (name: string) => path.join(paths.stateDir, 'services', `${name}.pid`);
export const serviceLogFile = (name: string) => path.join(paths.stateDir, 'logs', `${name}.log`);
const entryPoint = (name: string) => path.join(paths.repoRoot, 'services', name, 'src', 'main.ts');

/** The pid of our running service, checked against /proc so a recycled pid is never taken for it. */
export function runningPid(name: ServiceName): number | undefined {
  return runningPidFromFile(pidFile(name), entryPoint(name));
}

/** Starts one service detached (it outlives `npm start`), unless it already runs. */
export function startService(
  name: ServiceName,
  endpoints: StackEndpoints,
): { pid: number; started: boolean } {
  const existing = runningPid(name);
  if (existing) return { pid: existing, started: false };
  fs.mkdirSync(path.dirname(pidFile(name)), { recursive: true });
  fs.mkdirSync(path.dirname(serviceLogFile(name)), { recursive: true });
  const port = SERVICE_CATALOG.find((s) => s.name === name)!.port;
  const pid = spawnDetached(process.execPath, ['-r', '@swc-node/register', entryPoint(name)], {
    cwd: paths.repoRoot,
    logFile: serviceLogFile(name),
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(paths.repoRoot, 'tsconfig.json'),
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      DATABASE_URL: endpoints.databaseUrl,
      REDIS_URL: endpoints.redisUrl,
      PORT: process.env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? String(port),
    },
  });
  fs.writeFileSync(pidFile(name), String(pid));
  return { pid, started: true };
}

export async function stopService(name: ServiceName): Promise<boolean> {
  const pid = runningPid(name);
  fs.rmSync(pidFile(name), { force: true });
  if (!pid) return false;
  await terminate(pid, 'SIGTERM', 15_000);
  return true;
}

/** Polls `/health/ready` until 200; gives up early if the process died (its log says why). */
export async function waitReady(
  name: ServiceName,
  timeoutMs: number,
): Promise<{ ready: boolean; detail: string }> {
  const deadline = Date.now() + timeoutMs;
  let detail = 'not answering';
  while (Date.now() < deadline) {
    if (!runningPid(name)) return { ready: false, detail: `exited; see ${serviceLogFile(name)}` };
    try {
      const res = await fetch(`${serviceUrl(name)}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      if (res.ok) return { ready: true, detail: 'ready' };
      detail = JSON.stringify(((await res.json()) as { error?: unknown }).error ?? {});
    } catch {
      /* still starting */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { ready: false, detail };
}
