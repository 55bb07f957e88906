import type { Command } from 'commander';
import { gitState } from '@provenant/env-capture';
import { TrackerClient } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';
import { trackerClient } from './tracker-client';

const tracker = () => new TrackerClient(trackerClient());
const collect = (v: string, acc: string[]) => [...acc, v];

/** `k=v` pairs from repeated options; a pair without `=` is a usage error naming it. */
export function pairs(values: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0)
      throw Object.assign(new Error(`${what} ${JSON.stringify(v)}: expected KEY=VALUE`), { usage: true });
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

export function metricPairs(values: string[]): Record<string, number> {
  return Object.fromEntries(
    Object.entries(pairs(values, '--metric')).map(([k, v]) => {
      const n = Number(v);
      if (v.trim() === '' || Number.isNaN(n))
        throw Object.assign(new Error(`--metric ${k}=${v}: the value must be a number`), { usage: true });
      return [k, n];
    }),
  );
}

async function guarded(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const e = err as {
      usage?: boolean;
      status?: number;
      body?: { message?: string; error_code?: string };
      message: string;
    };
    process.stderr.write(
      `provenant: ${e.body?.message ? `${e.body.error_code ?? e.status}: ${e.body.message}` : e.message}\n`,
    );
    process.exitCode = e.usage
      ? ExitCode.usage
      : (e.status ?? 0) >= 500
        ? ExitCode.unavailable
        : ExitCode.failed;
  }
}

/** `runs start|log|end|search`: a run's life from a shell script or CI job, through the tracker's MLflow API. */
export function registerRunLifecycleCommands(runs: Command): void {
  runs
    .command('start')
    .description(
      'start a run (the experiment is created if new); records the git commit of the working directory',
    )
    .requiredOption('--experiment <name>', 'experiment name')
    .option('--name <run-name>', 'run name')
    .option('--param <key=value>', 'a param (repeatable)', collect, [])
    .option('--tag <key=value>', 'a tag (repeatable)', collect, [])
    .option('--json', 'print the run as JSON')
    .action((o: { experiment: string; name?: string; param: string[]; tag: string[]; json?: boolean }) =>
      guarded(async () => {
        const params = pairs(o.param, '--param');
        const tags = pairs(o.tag, '--tag');
        const git = await gitState(process.cwd());
        const experimentId = await tracker().ensureExperiment(o.experiment);
        const run = await tracker().createRun(experimentId, o.name ?? '', {
          ...(git
            ? {
                'mlflow.source.git.commit': git.commit,
                'provenant.source.git.dirty': String(git.dirty ?? false),
              }
            : {}),
          ...tags,
        });
        if (Object.keys(params).length) await tracker().logBatch(run.run_id, { params });
        if (o.json) return printJson(run);
        process.stdout.write(`${run.run_id}\n`);
      }),
    );

  runs
    .command('log <run-id>')
    .description('log params, metrics and tags to a run in one atomic batch')
    .option('--param <key=value>', 'a param (repeatable; params are immutable once logged)', collect, [])
    .option('--metric <key=value>', 'a metric value (repeatable)', collect, [])
    .option('--tag <key=value>', 'a tag (repeatable)', collect, [])
    .option('--step <n>', 'step of the metric values', '0')
    .action((runId: string, o: { param: string[]; metric: string[]; tag: string[]; step: string }) =>
      guarded(async () => {
        const batch = {
          params: pairs(o.param, '--param'),
          metrics: metricPairs(o.metric),
          tags: pairs(o.tag, '--tag'),
        };
        if (!/^\d+$/.test(o.step))
          throw Object.assign(new Error(`--step ${o.step}: expected a whole number`), { usage: true });
        await tracker().logBatch(runId, { ...batch, step: Number(o.step) });
        const n =
          Object.keys(batch.params).length +
          Object.keys(batch.metrics).length +
          Object.keys(batch.tags).length;
        process.stdout.write(`logged ${n} values to run ${runId}\n`);
      }),
    );

  runs
    .command('end <run-id>')
    .description('end a run')
    .option('--status <status>', 'FINISHED, FAILED or KILLED', 'FINISHED')
    .action((runId: string, o: { status: string }) =>
      guarded(async () => {
        if (!['FINISHED', 'FAILED', 'KILLED'].includes(o.status))
          throw Object.assign(new Error(`--status ${o.status}: expected FINISHED, FAILED or KILLED`), {
            usage: true,
          });
        await tracker().endRun(runId, o.status as 'FINISHED');
        process.stdout.write(`run ${runId} ${o.status}\n`);
      }),
    );

  runs
    .command('search')
    .description("search an experiment's runs with MLflow's filter language")
    .requiredOption('--experiment <name>', 'experiment name')
    .option('--filter <expr>', `e.g. "metrics.auc > 0.8 AND params.epochs = '400'"`, '')
    .option('--order-by <expr...>', 'e.g. "metrics.auc DESC"', [])
    .option('--max <n>', 'at most this many runs', '100')
    .option('--json', 'print the runs as JSON')
    .action((o: { experiment: string; filter: string; orderBy: string[]; max: string; json?: boolean }) =>
      guarded(async () => {
        const experimentId = await tracker().ensureExperiment(o.experiment);
        const { runs: found = [] } = await tracker().searchRuns(
          [experimentId],
          o.filter,
          o.orderBy,
          Number(o.max),
        );
        if (o.json) return printJson(found);
        printTable(
          ['run', 'name', 'status', 'metrics', 'params'],
          found.map((r) => [
            r.info.run_id,
            r.info.run_name,
            r.info.status,
            (r.data.metrics ?? []).map((m) => `${m.key}=${Number(m.value.toPrecision(6))}`).join(' '),
            (r.data.params ?? []).map((p) => `${p.key}=${p.value}`).join(' '),
          ]),
        );
      }),
    );
}
