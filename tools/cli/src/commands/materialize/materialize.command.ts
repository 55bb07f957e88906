import type { Command } from 'commander';
import { HttpClient, ServiceError, serviceUrl, type MaterializationRun as Run } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';
import { showProgress } from './materialize-progress';
import { iso, printStatus, type ViewStatus } from './materialize-status';

// A run goes to completion before the answer; large backfills take a while.
const client = (timeoutMs = 60 * 60_000) =>
  new HttpClient({
    baseUrl: serviceUrl('materializer'),
    token: process.env.PROVENANT_TOKEN ?? 'dev-scientist-token',
    timeoutMs,
    retries: 0,
  });

function print(runs: Run[], json?: boolean) {
  if (json) return printJson({ runs });
  printTable(
    ['view', 'mode', 'status', 'read', 'written', 'stale', 'watermark', 'run'],
    runs.map((r) => [
      `${r.featureView}@v${r.viewVersion}`,
      r.mode,
      r.status,
      r.rowsRead,
      r.rowsWritten,
      r.rowsSkippedStale,
      iso(r.watermark),
      r.materializationId,
    ]),
  );
}

async function call<T>(action: () => Promise<T>, show: (result: T) => void) {
  try {
    show(await action());
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    const body = err.body as { message?: string | string[] };
    const lines = Array.isArray(body?.message) ? body.message : [body?.message ?? String(err.body)];
    process.stderr.write(
      `provenant: materialize failed (${err.status}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
    );
    process.exitCode = err.status >= 500 ? ExitCode.unavailable : ExitCode.failed;
  }
}

// `materialize` has its own --json, and commander gives it the flag even when it follows a subcommand.
const json = (cmd: Command) => Boolean(cmd.optsWithGlobals().json);

/** `provenant materialize`: offline store → online store, incremental by default. */
export function registerMaterializeCommands(program: Command): void {
  const materialize = program
    .command('materialize')
    .description('materialize feature views into the online store (incremental unless --start/--end)')
    .option('--views <names>', 'comma-separated views (default: every current view)')
    .option('--start <time>', 'event_ts lower bound (RFC 3339 or µs): a backfill of that window')
    .option('--end <time>', 'event_ts upper bound (RFC 3339 or µs)')
    .option('--json', 'print the runs as JSON')
    .action((o: { views?: string; start?: string; end?: string; json?: boolean }) => {
      process.stderr.write('materializing… (a crashed run is resumed where it stopped)\n');
      const stopProgress = o.json ? () => undefined : showProgress(client(10_000));
      return call(
        () =>
          client()
            .post<{ runs: Run[] }>('/materializations', {
              views: o.views
                ?.split(',')
                .map((v) => v.trim())
                .filter(Boolean),
              start: o.start,
              end: o.end,
            })
            .finally(stopProgress),
        (r: { runs: Run[] }) => print(r.runs, o.json),
      );
    });
  materialize
    .command('status')
    .description('per view: schedule, last run and its outcome, rows, watermark, next scheduled run')
    .option('--view <name>', 'only this view')
    .option('--json', 'print as JSON')
    .action((o: { view?: string }, cmd: Command) => {
      const q = new URLSearchParams(o.view ? { view: o.view } : {});
      return call(
        () => client().get<{ views: ViewStatus[] }>(`/materializations/status?${q}`),
        (r) => printStatus(r.views, json(cmd)),
      );
    });
  materialize
    .command('runs')
    .description('recent materialization runs, newest first')
    .option('--view <name>', 'only this view')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print as JSON')
    .action((o: { view?: string; limit: string }, cmd: Command) => {
      const q = new URLSearchParams({ limit: o.limit, ...(o.view ? { view: o.view } : {}) });
      return call(
        () => client().get<{ runs: Run[] }>(`/materializations?${q}`),
        (r) => print(r.runs, json(cmd)),
      );
    });
}
