import { ENDPOINT_VARIABLES, formatAddress, isLoopback, serviceAddress, ServiceName } from './endpoints';
import { LAUNCHERS } from './launchers';
import { LaunchContext, NativeLauncher } from './native-launcher';
import { OwnedProcess, STARTED_BY, updateOwnershipRecord, withProcess } from './ownership-record';
import { stopOwnedService, verifiedOwnedProcess } from './owned-processes';
import { readProcSnapshot } from './process-identity';
import { logTail, waitUntilReady } from './readiness';
import { isListening, probeService } from './service-probes';
import { StackContext } from './stack-context';

export type EnsureOutcome = 'started' | 'running' | 'external';

/** Uses what answers, keeps what the stack already runs, and starts natively only what is missing. */
export async function ensureService(name: ServiceName, context: StackContext): Promise<EnsureOutcome> {
  const launcher = LAUNCHERS[name];
  const launch: LaunchContext = { ...context, address: serviceAddress(name, context.endpoints) };
  const owned = verifiedOwnedProcess(name, context);
  const servesEndpoint = owned && owned.port === launch.address.port && isLoopback(launch.address.host);
  if (owned && servesEndpoint) {
    await becomeReady(launcher, launch, owned);
    context.log(`${name}: already running (stack, pid ${owned.pid})`);
    return 'running';
  }
  const probe = await probeService(name, context.endpoints);
  if (probe.ok) {
    context.log(`${name}: using ${formatAddress(launch.address)} (external)`);
    return 'external';
  }
  const where = `${formatAddress(launch.address)} (${ENDPOINT_VARIABLES[name]})`;
  if (!isLoopback(launch.address.host)) {
    throw new Error(
      `${name}: ${where} does not answer (${probe.reason}), and the stack only starts services on 127.0.0.1`,
    );
  }
  if (owned) {
    // One native instance per service and state folder: its data cannot serve two ports at once.
    throw new Error(
      `${name}: the stack runs it on port ${owned.port} (pid ${owned.pid}), but ${ENDPOINT_VARIABLES[name]} asks ` +
        `for ${formatAddress(launch.address)}; stop it first (npm run stack -- stop ${name})`,
    );
  }
  if (await isListening(launch.address)) throw new Error(portTakenMessage(name, where, probe.reason));

  const started = Date.now();
  const launched = await launcher.launch(launch);
  const startTicks = readProcSnapshot(launched.pid)?.startTicks;
  if (startTicks === undefined) throw new Error(`${name}: exited at once\n${logTail(launched.logFile)}`);
  const entry: OwnedProcess = {
    service: name,
    pid: launched.pid,
    port: launch.address.port,
    startedAt: new Date(started).toISOString(),
    startedBy: STARTED_BY,
    procStartTicks: startTicks,
    commandMarker: launched.commandMarker,
    logFile: launched.logFile,
  };
  // Recorded before the wait, so that even a server that never becomes ready is ours to stop.
  updateOwnershipRecord(context.paths.ownershipRecord, (record) => withProcess(record, entry));
  try {
    await becomeReady(launcher, launch, entry);
  } catch (error) {
    await stopOwnedService(name, { ...context, log: () => undefined });
    throw error;
  }
  const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(1);
  context.log(
    `${name}: ready in ${seconds(started)} s (${seconds(launched.spawnedAt)} s after the server was spawned, pid ${entry.pid})`,
  );
  return 'started';
}

async function becomeReady(
  launcher: NativeLauncher,
  launch: LaunchContext,
  entry: OwnedProcess,
): Promise<void> {
  const name = launcher.service;
  const probe = launcher.readinessProbe
    ? () => launcher.readinessProbe!(launch)
    : () => probeService(name, launch.endpoints);
  await waitUntilReady({
    service: name,
    probe,
    timeoutMs: launcher.readyTimeoutMs,
    pid: entry.pid,
    logFile: entry.logFile,
  });
  await launcher.afterReady?.(launch);
  const final = await probeService(name, launch.endpoints);
  if (!final.ok)
    throw new Error(
      `${name}: the server runs but ${ENDPOINT_VARIABLES[name]} cannot connect: ${final.reason}`,
    );
}

function portTakenMessage(name: ServiceName, where: string, reason: string): string {
  const hints: Record<ServiceName, string> = {
    postgres:
      "A system PostgreSQL may hold it (Debian's cluster `main`: `pg_ctlcluster <version> main stop`).",
    redis: 'A system Redis may hold it (`service redis-server stop`).',
    kafka: 'Another broker or program may hold it.',
  };
  return (
    `${name}: something listens on ${where} but does not answer as ${name} with the configured credentials ` +
    `(${reason}). ${hints[name]} Stop it, or point ${ENDPOINT_VARIABLES[name]} at a free port or at it with the right credentials.`
  );
}
