import type { Command } from 'commander';
import { SERVICE_CATALOG, serviceUrl } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';

interface ServiceHealth {
  service: string;
  url: string;
  live: boolean;
  ready: 'ready' | 'not ready' | 'down';
  details: string;
}

async function probe(url: string): Promise<{ status: number; body: any } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return { status: res.status, body: await res.json().catch(() => ({})) };
  } catch {
    return undefined;
  }
}

async function serviceHealth(name: (typeof SERVICE_CATALOG)[number]['name']): Promise<ServiceHealth> {
  const url = serviceUrl(name);
  const [live, ready] = await Promise.all([probe(`${url}/health/live`), probe(`${url}/health/ready`)]);
  const failing = Object.entries((ready?.body?.error ?? {}) as Record<string, { message?: string }>)
    .map(([dep, info]) => info.message ?? dep)
    .join('; ');
  return {
    service: name,
    url,
    live: live?.status === 200,
    ready: !ready ? 'down' : ready.status === 200 ? 'ready' : 'not ready',
    details: !ready ? 'not reachable' : failing || Object.keys(ready.body?.info ?? {}).join(', '),
  };
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('health of the local stack and of the six services')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }) => {
      const { stackStatus } = await import('@provenant/stack');
      const [stack, services] = await Promise.all([
        stackStatus(),
        Promise.all(SERVICE_CATALOG.map((s) => serviceHealth(s.name))),
      ]);
      if (opts.json) printJson({ stack, services });
      else {
        printTable(
          ['infrastructure', 'address', 'state', 'started by'],
          stack.map((s) => [
            s.service,
            s.address,
            s.state,
            s.startedBy === 'stack' ? `stack (pid ${s.pid})` : (s.startedBy ?? '-'),
          ]),
        );
        printTable(
          ['service', 'url', 'live', 'ready', 'details'],
          services.map((s) => [s.service, s.url, s.live ? 'yes' : 'no', s.ready, s.details]),
        );
      }
      process.exitCode =
        services.every((s) => s.ready === 'ready') && stack.every((s) => s.state === 'up')
          ? ExitCode.ok
          : ExitCode.unavailable;
    });
}
