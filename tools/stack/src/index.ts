import { ServiceName, StackEndpoints } from './endpoints';
import { startService, StackOptions, stopService, upStack } from './stack-controller';

export type { ServiceName, StackEndpoints } from './endpoints';
export { DEFAULT_ENDPOINTS, resolveEndpoints, SERVICE_NAMES } from './endpoints';
export type { ServiceStatus, StackOptions } from './stack-controller';
export { downStack, stackStatus, startService, stopService, upStack } from './stack-controller';
export { readOwnershipRecord } from './ownership-record';
export { stackPaths } from './stack-paths';
export { freePort } from './free-port';
export { runCli, type CliResult } from './run-cli';

/** Brings up whatever is missing (reusing what answers) and returns where everything is. */
export async function ensureStack(options: StackOptions = {}): Promise<StackEndpoints> {
  return (await upStack(options)).endpoints;
}

/** Restarts one service the stack owns, e.g. to test recovery; data survives. */
export async function restartService(name: ServiceName, options: StackOptions = {}): Promise<void> {
  await stopService(name, options);
  await startService(name, options);
}
// Process helpers, reused by `provenant start` to supervise the six services the same way.
export { spawnDetached, terminate } from './process-control';
export { readProcSnapshot, runningPidFromFile } from './process-identity';
export { ensureZipkin, stopZipkin, traceServices, ZIPKIN_PORT, zipkinUrl } from './zipkin';
