import { printJson, printTable } from '../../output';

/** GET /materializations/status: one entry per view. Times in µs. */
export interface ViewStatus {
  featureView: string;
  viewVersion: number;
  schedule: string | null;
  nextRunAt: number | null;
  scheduleError: string | null;
  watermark: number | null;
  lastRun: {
    materializationId: string;
    mode: string;
    status: string;
    rowsRead: number;
    rowsWritten: number;
    startedAt: number;
    completedAt: number | null;
    ticksCovered: number | null;
    error: string | null;
  } | null;
  runningId: string | null;
}

export const iso = (us: number | null) =>
  us === null ? '-' : new Date(Math.floor(us / 1000)).toISOString().replace('.000Z', 'Z');

function lastRun(v: ViewStatus): string {
  const r = v.lastRun;
  if (!r) return '-';
  const covered = r.ticksCovered && r.ticksCovered > 1 ? `, ${r.ticksCovered} ticks` : '';
  return `${iso(r.completedAt ?? r.startedAt)} (${r.mode.toLowerCase()}${covered})`;
}

function status(v: ViewStatus): string {
  const running = v.runningId ? ' (a run in progress)' : '';
  if (!v.lastRun) return (v.runningId ? 'RUNNING' : '-') + (v.scheduleError ? `; ${v.scheduleError}` : '');
  // A run stopped by an error stays RUNNING until resumed: show why.
  return (v.lastRun.error ? `STOPPED: ${v.lastRun.error}` : v.lastRun.status) + running;
}

/** `materialize status`: view, schedule, last run, status, rows, watermark, next run. */
export function printStatus(views: ViewStatus[], json?: boolean): void {
  if (json) return printJson({ views });
  printTable(
    ['view', 'schedule', 'last run', 'status', 'rows read/written', 'watermark', 'next run'],
    views.map((v) => [
      `${v.featureView}@v${v.viewVersion}`,
      v.schedule ?? '-',
      lastRun(v),
      status(v),
      v.lastRun ? `${v.lastRun.rowsRead}/${v.lastRun.rowsWritten}` : '-',
      iso(v.watermark),
      v.scheduleError && !v.nextRunAt ? v.scheduleError : iso(v.nextRunAt),
    ]),
  );
}
