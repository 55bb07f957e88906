import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  downStack,
  freePort,
  readOwnershipRecord,
  stackPaths,
  stackStatus,
  startService,
  stopService,
} from '@provenant/stack';
import { waitFor } from '@provenant/testing';
import Redis from 'ioredis';

const run = promisify(execFile);
const STACK_BIN = path.join(stackPaths().repoRoot, 'tools/stack/bin/stack.js');
jest.setTimeout(90_000);

// Runs against the shared stack the global setup brought up, and never takes it down: other
// test files use it. `down` is tested on a scratch state folder with Redis on spare ports.
describe('npm run stack', () => {
  it('starts nothing new on a second `up`', async () => {
    const before = readOwnershipRecord(stackPaths().ownershipRecord).services;

    const { stdout } = await run('node', [STACK_BIN, 'up']);

    expect(stdout).toContain('nothing new started');
    expect(readOwnershipRecord(stackPaths().ownershipRecord).services).toEqual(before);
  });

  it('reports every service, its address and who started it with `status --json`', async () => {
    const { stdout } = await run('node', [STACK_BIN, 'status', '--json']);
    const { services } = JSON.parse(stdout) as { services: Record<string, unknown>[] };

    expect(services.map((s) => s.service)).toEqual(['kafka', 'postgres', 'redis']);
    for (const service of services) {
      expect(service).toEqual({
        service: expect.any(String),
        address: expect.stringMatching(/^[\w.-]+:\d+$/),
        state: 'up',
        startedBy: expect.stringMatching(/^(stack|external)$/),
        pid: service.startedBy === 'stack' ? expect.any(Number) : null,
      });
    }
  });

  it('brings Redis back after stopService/startService', async () => {
    const redis = (await stackStatus()).find((s) => s.service === 'redis')!;
    if (redis.startedBy !== 'stack') {
      await expect(stopService('redis')).rejects.toThrow(/external/);
      return;
    }
    await stopService('redis');
    expect(await pingRedis(process.env.REDIS_URL!)).toBe(false);

    await startService('redis');
    expect(await pingRedis(process.env.REDIS_URL!)).toBe(true);
    expect((await stackStatus()).find((s) => s.service === 'redis')?.pid).not.toBe(redis.pid);
  });
});

// Needs a native redis-server (the native stack installs it); skipped under the testcontainers fallback.
const describeWithRedisServer =
  spawnSync('redis-server', ['--version']).status === 0 ? describe : describe.skip;

describeWithRedisServer('down', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-scratch-'));
  const options = (port: number) => ({
    stateDir,
    env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}` },
    log: () => undefined,
  });
  let foreign: ChildProcess | undefined;

  afterAll(async () => {
    foreign?.kill('SIGKILL');
    await downStack(options(1)).catch(() => undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('leaves alone a server it did not start', async () => {
    const port = await freePort();
    foreign = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    foreign.on('error', () => undefined); // surfaces as the waitFor timeout below
    await waitFor(() => pingRedis(`redis://127.0.0.1:${port}`), {
      timeoutMs: 10_000,
      description: 'test-owned redis',
    });

    expect(await startService('redis', options(port))).toBe('external');
    await expect(stopService('redis', options(port))).rejects.toThrow(/not started by the stack/);
    expect(await downStack(options(port))).toEqual([]);
    expect(await pingRedis(`redis://127.0.0.1:${port}`)).toBe(true);
  });

  it('stops exactly what it started', async () => {
    const port = await freePort();
    expect(await startService('redis', options(port))).toBe('started');
    const status = await stackStatus(options(port));
    expect(status.find((s) => s.service === 'redis')).toMatchObject({ state: 'up', startedBy: 'stack' });

    expect(await downStack(options(port))).toEqual(['redis']);
    expect(await pingRedis(`redis://127.0.0.1:${port}`)).toBe(false);
    expect(readOwnershipRecord(path.join(stateDir, 'stack.json')).services).toEqual({});
  });
});

async function pingRedis(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

