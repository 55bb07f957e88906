import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestEnv } from '@provenant/testing';
import { freePort } from '@provenant/stack';

const root = path.resolve(__dirname, '../../../../..');

/** The audit-ledger as users run it: its own process, configured by environment. */
export async function startLedgerProcess(
  env: TestEnv,
  schema: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/audit-ledger/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(root, 'tsconfig.json'),
      DATABASE_URL: env.databaseUrl,
      DATABASE_SCHEMA: schema,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: env.topicPrefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LEDGER_VERIFY_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { url, child };
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('audit-ledger did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
