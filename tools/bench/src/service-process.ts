import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '@provenant/contracts';
import { pollUntil } from '@provenant/sdk';
import { freePort } from '@provenant/stack';
import type { TestEnv } from '@provenant/testing';

const ROOT = join(__dirname, '..', '..', '..');

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it exited (a CPU profile is written on a graceful exit). */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** on top of the bench namespace's endpoints and LOG_LEVEL=warn */
  env?: Record<string, string>;
  /** write a V8 CPU profile of the service into this folder */
  cpuProfDir?: string;
  /** show the service's stdout (its JSON logs) on the bench's stderr */
  showLogs?: boolean;
}

/**
 * A service as an operator runs it (its own process, configured by environment) in the bench's
 * database, topic and key namespace, once `/health/ready` answers.
 */
export async function startService(
  name: ServiceName,
  env: TestEnv,
  options: ServiceOptions = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const prof = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = spawn(
    process.execPath,
    [...prof, '-r', '@swc-node/register', join(ROOT, `services/${name}/src/main.ts`)],
    {
      cwd: ROOT,
      stdio: ['ignore', options.showLogs ? 2 : 'ignore', 'inherit'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        PORT: String(port),
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        REDIS_URL: env.redisUrl,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  await untilAnswers(`${name} ready`, child, async () => (await fetch(`${url}/health/ready`)).status === 200).catch(
    async (err: Error) => {
      await stop();
      throw err;
    },
  );
  return {
    url,
    child,
    peakRssMb: () =>
      Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop,
  };
}

/** Polls `ok` until true; fails at once if the service process has exited, else after 2 minutes. */
export function untilAnswers(what: string, child: ChildProcess, ok: () => Promise<boolean>): Promise<boolean> {
  return pollUntil(
    what,
    async () => {
      if (child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}`);
      return ok().catch(() => false);
    },
    { timeoutMs: 120_000, intervalMs: 200 },
  );
}
