import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { isRunning } from './process-identity';

export interface DetachedSpawnOptions {
  logFile: string;
  cwd?: string;
  /** run as another OS user (PostgreSQL refuses to run as root) */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts a long-lived server that must outlive the `npm run stack -- up` that started it: its own
 * session (detached), stdout/stderr appended to a log file instead of pipes the parent would
 * hold, and unref'd so Node does not wait for it.
 */
export function spawnDetached(command: string, args: string[], options: DetachedSpawnOptions): number {
  const log = fs.openSync(options.logFile, 'a');
  try {
    if (options.uid !== undefined) fs.fchownSync(log, options.uid, options.gid ?? options.uid);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.on('error', () => undefined); // reported through readiness (the process is gone)
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(log);
  }
}

export type StopOutcome = 'not-running' | 'exited' | 'killed';

/** Sends `signal`, waits up to graceMs for a clean exit, then SIGKILL. */
export async function terminate(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<StopOutcome> {
  if (!isRunning(pid)) return 'not-running';
  sendSignal(pid, signal);
  if (await waitForExit(pid, graceMs)) return 'exited';
  sendSignal(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
  return 'killed';
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
