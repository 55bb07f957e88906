import { spawn } from 'node:child_process';
import { ensurePythonVenv } from './python-venv';
import { waitFor } from './wait-for';
import { freePort } from '@provenant/stack';

/** moto's standalone server (an S3-compatible endpoint), pinned so every run tests the same one. */
export const MOTO_VERSION = '5.2.5';

export interface MotoServer {
  endpoint: string;
  /** The variables an S3 client (ours or the AWS CLI) needs to reach it. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts `moto[server]` from PyPI (a venv in the user's cache, created on first use) on a free
 * port and waits until it answers. Stop it in afterAll; its state lives only in memory.
 */
export async function startMotoServer(): Promise<MotoServer> {
  const python = await ensurePythonVenv('moto', MOTO_VERSION, { extras: '[server]' });
  const port = await freePort();
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`moto exited ${child.exitCode}: ${stderr}`);
        return (await fetch(`${endpoint}/moto-api/`)).ok;
      },
      { timeoutMs: 60_000, description: `moto server on ${endpoint}` },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    endpoint,
    env: {
      S3_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
