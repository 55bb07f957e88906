import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor, type TestEnv } from '@provenant/testing';
import { freePort } from '@provenant/stack';

export const ROOT = join(__dirname, '..', '..', '..', '..', '..');

export interface ServiceProcess {
  url: string;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): void;
}

/** A service started as an operator would (its own process), in the bench's namespace. */
export async function startService(
  name: 'feature-ingest' | 'materializer',
  env: TestEnv,
  extra: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(ROOT, `services/${name}/src/main.ts`)],
    {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        PORT: String(port),
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        REDIS_URL: env.redisUrl,
        LOG_LEVEL: 'warn',
        ...extra,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, {
    timeoutMs: 90_000,
    description: `${name} ready`,
  });
  return {
    url,
    peakRssMb: () =>
      Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () => void child.kill('SIGTERM'),
  };
}
