import { composeStop, composeUp, dockerRequested } from './docker-compose-stack';
import {
  formatAddress,
  isLoopback,
  resolveEndpoints,
  serviceAddress,
  SERVICE_NAMES,
  ServiceName,
  StackEndpoints,
} from './endpoints';
import { stopOwnedService, verifiedOwnedProcess } from './owned-processes';
import { EnsureOutcome, ensureService } from './service-runner';
import { StackContext } from './stack-context';
import { probeService } from './service-probes';
import { withStackLock } from './stack-lock';
import { stackPaths } from './stack-paths';

export interface StackOptions {
  /** where KAFKA_BROKERS, DATABASE_URL and REDIS_URL are read from (default: process.env) */
  env?: NodeJS.ProcessEnv;
  /** the state folder (default: <repo>/.state) */
  stateDir?: string;
  log?: (line: string) => void;
  /** use `docker compose` instead of native processes */
  docker?: boolean;
}

export interface ServiceStatus {
  service: ServiceName;
  address: string;
  state: 'up' | 'down';
  /** `stack`: started by this tool (pid set); `external`: answering, started by someone else */
  startedBy: 'stack' | 'external' | null;
  pid: number | null;
}

export interface UpResult {
  endpoints: StackEndpoints;
  outcomes: Partial<Record<ServiceName, EnsureOutcome>>;
}

export async function upStack(
  options: StackOptions = {},
  services: readonly ServiceName[] = SERVICE_NAMES,
): Promise<UpResult> {
  const context = stackContext(options);
  if (dockerRequested(options.docker ?? false, options.env ?? process.env)) {
    await composeUp(services, context);
    return { endpoints: context.endpoints, outcomes: {} };
  }
  return withStackLock(context.paths, context.log, async () => {
    // In parallel: Kafka's JVM (and a first Maven fetch) dominates; the other two start meanwhile.
    const settled = await Promise.allSettled(services.map((name) => ensureService(name, context)));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [errorText(s.reason)] : []));
    if (failures.length > 0) throw new Error(failures.join('\n\n'));
    const outcomes = Object.fromEntries(
      services.map((name, i) => [name, (settled[i] as PromiseFulfilledResult<EnsureOutcome>).value]),
    );
    if (!Object.values(outcomes).includes('started'))
      context.log('stack: nothing new started, everything was already up');
    return { endpoints: context.endpoints, outcomes };
  });
}

/** Stops what `up` started, and nothing else. */
export async function downStack(
  options: StackOptions = {},
  services: readonly ServiceName[] = SERVICE_NAMES,
): Promise<ServiceName[]> {
  const context = stackContext(options);
  if (dockerRequested(options.docker ?? false, options.env ?? process.env)) {
    await composeStop(services, context);
    return [...services];
  }
  return withStackLock(context.paths, context.log, async () => {
    const stopped: ServiceName[] = [];
    for (const name of services) {
      if ((await stopOwnedService(name, context)) === 'stopped') stopped.push(name);
      else context.log(`${name}: not started by the stack, left alone`);
    }
    return stopped;
  });
}

export async function stackStatus(options: StackOptions = {}): Promise<ServiceStatus[]> {
  const context = stackContext(options);
  return Promise.all(
    SERVICE_NAMES.map(async (service): Promise<ServiceStatus> => {
      const address = serviceAddress(service, context.endpoints);
      const recorded = verifiedOwnedProcess(service, context);
      // Ours only if it serves the configured address (the endpoint variables may point elsewhere).
      const owned = recorded?.port === address.port && isLoopback(address.host) ? recorded : undefined;
      const up = (await probeService(service, context.endpoints)).ok;
      return {
        service,
        address: formatAddress(address),
        state: up ? 'up' : 'down',
        startedBy: owned ? 'stack' : up ? 'external' : null,
        pid: owned?.pid ?? null,
      };
    }),
  );
}

/** Starts one service (natively, or reuses it); data is kept across stop/start. */
export async function startService(
  name: ServiceName,
  options: StackOptions = {},
): Promise<EnsureOutcome | undefined> {
  return (await upStack(options, [name])).outcomes[name];
}

/** Stops one service the stack started; refuses to touch one it did not start. */
export async function stopService(name: ServiceName, options: StackOptions = {}): Promise<void> {
  const context = stackContext(options);
  if (dockerRequested(options.docker ?? false, options.env ?? process.env))
    return composeStop([name], context);
  await withStackLock(context.paths, context.log, async () => {
    if ((await stopOwnedService(name, context)) === 'stopped') return;
    if ((await probeService(name, context.endpoints)).ok) {
      throw new Error(`${name}: running but not started by the stack (external); not stopping it`);
    }
    context.log(`${name}: not running`);
  });
}

function stackContext(options: StackOptions): StackContext {
  return {
    paths: stackPaths(options.stateDir),
    endpoints: resolveEndpoints(options.env ?? process.env),
    log: options.log ?? ((line) => console.log(line)),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
