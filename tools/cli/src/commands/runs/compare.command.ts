import type { Command } from 'commander';
import { printJson, printTable } from '../../output';
import { qs, trackerClient, type RunComparison } from './tracker-client';

const show = (v: string | number | null) =>
  v === null ? '-' : typeof v === 'number' ? String(Number(v.toPrecision(6))) : v;

export function registerRunsCompareCommand(runs: Command): void {
  runs
    .command('compare <old> <new>')
    .description(
      'params and metrics of two runs side by side (DVC params/metrics diff --json shape with --json)',
    )
    .option('--all', 'include params and metrics that did not change')
    .option('--json', 'print {params, metrics} as DVC prints them')
    .action(async (oldRun: string, newRun: string, flags: { all?: boolean; json?: boolean }) => {
      const result = await trackerClient().get<RunComparison>(
        `/api/provenant/runs/compare?${qs({ ids: `${oldRun},${newRun}`, all: flags.all ? 'true' : undefined })}`,
      );
      if (flags.json) return printJson(result);
      const rows: (string | number)[][] = [
        ...Object.entries(result.params.params).map(([k, c]) => ['param', k, show(c.old), show(c.new), '']),
        ...Object.entries(result.metrics.metrics).map(([k, c]) => [
          'metric',
          k,
          show(c.old),
          show(c.new),
          show(c.diff),
        ]),
      ];
      if (rows.length === 0) return void process.stdout.write('no differences in params or metrics\n');
      printTable(
        ['kind', 'name', `old (${oldRun.slice(0, 8)})`, `new (${newRun.slice(0, 8)})`, 'diff'],
        rows,
      );
    });
}
