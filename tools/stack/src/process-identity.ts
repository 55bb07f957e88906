import fs from 'node:fs';
import type { OwnedProcess } from './ownership-record';

export interface ProcSnapshot {
  /** process state letter from /proc/<pid>/stat; `Z` is a zombie, i.e. already dead */
  state: string;
  startTicks: number;
  cmdline: string;
}

/**
 * Fields of /proc/<pid>/stat after the command name, which sits in parentheses and may itself
 * contain spaces and parentheses, hence the split at the last `)` (proc(5): field 3 is the
 * state, field 22 the start time in clock ticks since boot).
 */
export function parseProcStat(stat: string): { state: string; startTicks: number } | undefined {
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  const startTicks = Number(fields[19]);
  if (!fields[0] || !Number.isInteger(startTicks)) return undefined;
  return { state: fields[0], startTicks };
}

export function readProcSnapshot(pid: number): ProcSnapshot | undefined {
  try {
    const stat = parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    if (!stat) return undefined;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { ...stat, cmdline };
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number, read = readProcSnapshot): boolean {
  const snapshot = read(pid);
  return snapshot !== undefined && snapshot.state !== 'Z';
}

/** True only if the pid is alive and is still the very process recorded when the stack started it. */
export function isRecordedProcess(entry: OwnedProcess, read = readProcSnapshot): boolean {
  const snapshot = read(entry.pid);
  return (
    snapshot !== undefined &&
    snapshot.state !== 'Z' &&
    snapshot.startTicks === entry.procStartTicks &&
    snapshot.cmdline.includes(entry.commandMarker)
  );
}

/**
 * The pid recorded in `pidFile`, if that process is alive and its command line still contains
 * `commandMarker` (a reused pid belongs to some other program and must never be signalled).
 */
export function runningPidFromFile(
  pidFile: string,
  commandMarker: string,
  read = readProcSnapshot,
): number | undefined {
  const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
  const proc = Number.isInteger(pid) ? read(pid) : undefined;
  return proc && proc.state !== 'Z' && proc.cmdline.includes(commandMarker) ? pid : undefined;
}
