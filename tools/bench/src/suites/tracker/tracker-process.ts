import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor, type TestEnv } from '@provenant/testing';
import { freePort } from '@provenant/stack';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');

export interface TrackerProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The tracker as an operator runs it (its own process, outbox relay to Kafka included), in the
 * bench's database and topic namespace. TRACKER_BENCH_CPU_PROF=DIR writes a V8 CPU profile of it.
 */
export async function startTracker(env: TestEnv): Promise<TrackerProcess> {
  const port = await freePort();
  const prof = process.env.TRACKER_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TRACKER_BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...prof, '-r', '@swc-node/register', join(ROOT, 'services/tracker/src/main.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', process.env.TRACKER_BENCH_LOG ? 2 : 'ignore', 'inherit'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        PORT: String(port),
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        LOG_LEVEL: process.env.TRACKER_BENCH_LOG ?? 'warn',
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
  const outcome = await waitFor(
    async () =>
      child.exitCode !== null
        ? 'exited'
        : (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200 && 'up',
    { timeoutMs: 90_000, intervalMs: 200, description: 'tracker ready' },
  ).catch(async (err: Error) => {
    await stop();
    throw err;
  });
  if (outcome === 'exited') throw new Error(`tracker exited with ${child.exitCode}`);
  return { url, stop };
}
