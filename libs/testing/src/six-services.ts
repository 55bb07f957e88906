import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVICE_CATALOG } from '@provenant/sdk';
import type { TestEnv } from './test-env';
import { freePort } from '@provenant/stack';

const ROOT = path.join(__dirname, '../../..');

export interface SixServices {
  /** `PROVENANT_<SERVICE>_URL` for each, for the SDK and the CLI. */
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The six services as real processes (`node services/<name>/src/main.ts`, as `npm start` runs
 * them), on this test file's private slice of the stack: its own database, topic prefix and
 * Redis key prefix, and free ports. What the labs and the demo pipeline run against.
 */
export async function startSixServices(env: TestEnv): Promise<SixServices> {
  const blobs = mkdtempSync(path.join(tmpdir(), 'six-blobs-'));
  const children: ChildProcess[] = [];
  const urls: Record<string, string> = {};
  const logs: Record<string, string> = {};
  for (const s of SERVICE_CATALOG) {
    const port = await freePort();
    urls[`PROVENANT_${s.envPrefix}_URL`] = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${s.name}/src/main.ts`], {
      cwd: ROOT,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: env.topicPrefix,
        REDIS_URL: env.redisUrl,
        ONLINE_KEY_PREFIX: `${env.redisKeyPrefix}online:`,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        TRACKER_BLOB_DIR: blobs,
        LEDGER_CHECKPOINT_INTERVAL_MS: '200',
        LEDGER_VERIFY_INTERVAL_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    logs[s.name] = '';
    const keep = (d: Buffer) => (logs[s.name] = (logs[s.name] + d).slice(-4000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push(child);
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    rmSync(blobs, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (const [i, s] of SERVICE_CATALOG.entries()) {
    const url = urls[`PROVENANT_${s.envPrefix}_URL`];
    for (;;) {
      const ok = await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (children[i].exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`${s.name} did not become ready:\n${logs[s.name]}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { urls, stop };
}
