import type { HostPort, ServiceName, StackEndpoints } from './endpoints';
import type { ProbeResult } from './service-probes';
import type { StackPaths } from './stack-paths';

export interface LaunchContext {
  paths: StackPaths;
  endpoints: StackEndpoints;
  /** where the service must listen: the loopback address from its endpoint variable */
  address: HostPort;
  log: (line: string) => void;
}

export interface LaunchedProcess {
  pid: number;
  /** a word of the process's command line, checked before `down` signals the pid */
  commandMarker: string;
  logFile: string;
  /** when the server process itself was spawned (after installs, downloads, formatting) */
  spawnedAt: number;
}

/** How one service is installed, started and stopped natively on this machine. */
export interface NativeLauncher {
  readonly service: ServiceName;
  readonly stopSignal: NodeJS.Signals;
  readonly stopGraceMs: number;
  readonly readyTimeoutMs: number;
  launch(context: LaunchContext): Promise<LaunchedProcess>;
  /** readiness before afterReady has run; defaults to the service probe with the configured credentials */
  readinessProbe?(context: LaunchContext): Promise<ProbeResult>;
  /** idempotent setup once the server answers, e.g. PostgreSQL's role and database */
  afterReady?(context: LaunchContext): Promise<void>;
}
