import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { HttpClient } from '@provenant/sdk';
import { stableJson } from './stable-json';
import { qs, trackerClient } from './tracker-client';

const API = '/api/2.0/mlflow';
type KV = { key: string; value: string };
const byKey = (kvs: KV[] = []) =>
  Object.fromEntries([...kvs].sort((a, b) => (a.key < b.key ? -1 : 1)).map((t) => [t.key, t.value]));

/** min/max/last of a metric's whole history: enough to review, small enough to commit. */
async function metricSummary(client: HttpClient, runId: string, key: string) {
  const points: { value: number | string; step: number }[] = [];
  let token: string | undefined;
  do {
    const page = await client.get<{ metrics?: typeof points; next_page_token?: string }>(
      `${API}/metrics/get-history?${qs({ run_id: runId, metric_key: key, page_token: token })}`,
    );
    points.push(...(page.metrics ?? []));
    token = page.next_page_token;
  } while (token);
  const values = points.map((p) => Number(p.value));
  return {
    count: points.length,
    min: Math.min(...values),
    max: Math.max(...values),
    last: values[values.length - 1],
    lastStep: points[points.length - 1]?.step ?? 0,
  };
}

async function exportRun(client: HttpClient, run: any) {
  const prov = await client.get<any>(`/api/provenant/runs/${run.info.run_id}/provenance`);
  const metrics: Record<string, unknown> = {};
  for (const m of [...(run.data.metrics ?? [])].sort((a: KV, b: KV) => (a.key < b.key ? -1 : 1)))
    metrics[m.key] = await metricSummary(client, run.info.run_id, m.key);
  const { run_uuid: _alias, ...info } = run.info;
  return {
    info,
    params: byKey(run.data.params),
    tags: byKey(run.data.tags),
    metrics,
    datasets: prov.datasets,
    code: prov.code,
    environmentFingerprint: prov.environmentFingerprint,
    parentRunId: prov.parentRunId,
    childRunIds: prov.childRunIds,
    artifacts: prov.artifacts,
  };
}

export function registerRunsExportCommand(runs: Command): void {
  runs
    .command('export <dir>')
    .description('write an experiment and its runs as sorted, stable JSON files that diff cleanly in git')
    .requiredOption('--experiment <name>', 'experiment name')
    .action(async (dir: string, flags: { experiment: string }) => {
      const client = trackerClient();
      const { experiment } = await client.get<any>(
        `${API}/experiments/get-by-name?${qs({ experiment_name: flags.experiment })}`,
      );
      const all: any[] = [];
      let token: string | undefined;
      do {
        const page = await client.post<any>(`${API}/runs/search`, {
          experiment_ids: [experiment.experiment_id],
          order_by: ['run_id ASC'],
          max_results: 1000,
          page_token: token,
        });
        all.push(...(page.runs ?? []));
        token = page.next_page_token;
      } while (token);
      // A clean directory each time: a deleted run disappears from the export, as from the tracker.
      await rm(join(dir, 'runs'), { recursive: true, force: true });
      await mkdir(join(dir, 'runs'), { recursive: true });
      const { last_update_time: _changes, ...stable } = experiment;
      const index = all.map((r) => ({
        runId: r.info.run_id,
        runName: r.info.run_name,
        status: r.info.status,
      }));
      await writeFile(
        join(dir, 'experiment.json'),
        stableJson({ ...stable, tags: byKey(experiment.tags), runs: index }),
      );
      for (const run of all)
        await writeFile(
          join(dir, 'runs', `${run.info.run_id}.json`),
          stableJson(await exportRun(client, run)),
        );
      process.stdout.write(`exported experiment '${experiment.name}' with ${all.length} runs to ${dir}\n`);
    });
}
