import fs from 'node:fs';
import path from 'node:path';
import { isServiceName, ServiceName } from './endpoints';

export const STARTED_BY = 'provenant-stack';

/** A process `up` started; `down` only ever signals processes listed here and still matching. */
export interface OwnedProcess {
  service: ServiceName;
  pid: number;
  port: number;
  startedAt: string;
  startedBy: typeof STARTED_BY;
  /** /proc/<pid>/stat start time: with the pid, it identifies the process even after pid reuse */
  procStartTicks: number;
  /** a word that must appear in /proc/<pid>/cmdline (e.g. `kafka.Kafka`) */
  commandMarker: string;
  logFile: string;
}

export interface OwnershipRecord {
  services: Partial<Record<ServiceName, OwnedProcess>>;
}

/** Tolerant on purpose: a damaged record must not stop `down`, it only forgets entries it cannot trust. */
export function parseOwnershipRecord(text: string): OwnershipRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { services: {} };
  }
  const services: OwnershipRecord['services'] = {};
  const entries = (raw as { services?: Record<string, unknown> } | null)?.services ?? {};
  for (const [name, value] of Object.entries(entries)) {
    if (isServiceName(name) && isOwnedProcess(value) && value.service === name) services[name] = value;
  }
  return { services };
}

export function withProcess(record: OwnershipRecord, entry: OwnedProcess): OwnershipRecord {
  return { services: { ...record.services, [entry.service]: entry } };
}

export function withoutProcess(record: OwnershipRecord, service: ServiceName): OwnershipRecord {
  const services = { ...record.services };
  delete services[service];
  return { services };
}

export function readOwnershipRecord(file: string): OwnershipRecord {
  return fs.existsSync(file) ? parseOwnershipRecord(fs.readFileSync(file, 'utf8')) : { services: {} };
}

/**
 * Synchronous read-modify-write: services start concurrently within one process, and a sync update
 * cannot interleave with another one (other processes are kept out by the stack lock).
 */
export function updateOwnershipRecord(
  file: string,
  change: (record: OwnershipRecord) => OwnershipRecord,
): void {
  const next = change(readOwnershipRecord(file));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function isOwnedProcess(value: unknown): value is OwnedProcess {
  const v = value as Partial<OwnedProcess> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.startedBy === STARTED_BY &&
    Number.isInteger(v.pid) &&
    (v.pid as number) > 1 &&
    Number.isInteger(v.port) &&
    Number.isInteger(v.procStartTicks) &&
    typeof v.commandMarker === 'string' &&
    v.commandMarker.length > 0 &&
    typeof v.startedAt === 'string' &&
    typeof v.logFile === 'string'
  );
}
