import fs from 'node:fs';
import { sleep } from './process-control';
import { isRunning } from './process-identity';
import type { ProbeResult } from './service-probes';

export interface ReadinessWait {
  service: string;
  probe: () => Promise<ProbeResult>;
  timeoutMs: number;
  /** the process we started, if any: if it dies, stop waiting at once */
  pid?: number;
  /** its last lines are shown on failure */
  logFile?: string;
  /** shown on failure when there is no log file (docker compose keeps its own logs) */
  hint?: string;
}

/** Polls a real protocol check until it passes; fails with the last lines of the service's log. */
export async function waitUntilReady(wait: ReadinessWait): Promise<void> {
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    const last = await wait.probe();
    if (last.ok) return;
    const details = () => (wait.logFile ? logTail(wait.logFile) : (wait.hint ?? ''));
    if (wait.pid !== undefined && !isRunning(wait.pid)) {
      throw new Error(`${wait.service}: process ${wait.pid} exited before it was ready\n${details()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${wait.service}: not ready after ${wait.timeoutMs / 1000} s (last check: ${last.reason})\n${details()}`,
      );
    }
    await sleep(250);
  }
}

export function logTail(file: string, lines = 25): string {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return `--- last lines of ${file} ---\n${text}`;
  } catch {
    return `(no log at ${file})`;
  }
}
