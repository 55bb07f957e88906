import type { Command } from 'commander';
import { HttpClient, ServiceError, serviceUrl } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';

interface Response {
  metadata: { feature_names: string[]; request_id: string; feature_view_versions: Record<string, number> };
  results: { values: unknown[]; statuses: string[]; event_timestamps: string[] }[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `provenant online get`: what a serving system would receive, as a table. */
export function registerOnlineCommands(program: Command): void {
  program
    .command('online')
    .description('online store')
    .command('get')
    .description('read online features (POST /get-online-features)')
    .option('--features <refs>', 'comma-separated view:feature references')
    .option('--feature-service <name>', 'the features of a feature service instead')
    .requiredOption('--entity <key=v1,v2...>', 'join key and values; repeat for composite keys', collect, [])
    .option('--json', "print Feast's JSON response")
    .action(async (o: { features?: string; featureService?: string; entity: string[]; json?: boolean }) => {
      const entities: Record<string, (string | number)[]> = {};
      for (const e of o.entity) {
        const [key, values = ''] = e.split('=', 2);
        entities[key] = values.split(',').map((v) => (/^-?\d+$/.test(v) ? Number(v) : v));
      }
      const client = new HttpClient({
        baseUrl: serviceUrl('materializer'),
        token: process.env.PROVENANT_TOKEN ?? 'dev-scientist-token',
      });
      try {
        const res = await client.post<Response>('/get-online-features', {
          features: o.features?.split(',').map((f) => f.trim()),
          feature_service: o.featureService,
          entities,
        });
        if (o.json) return printJson(res);
        const rows = res.results[0].values.map((_, i) =>
          res.results.map((c) => (c.statuses[i] === 'PRESENT' ? JSON.stringify(c.values[i]) : c.statuses[i])),
        );
        printTable(res.metadata.feature_names, rows);
        process.stdout.write(`request ${res.metadata.request_id}\n`);
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        process.stderr.write(`provenant: online read failed (${err.status}): ${JSON.stringify(err.body)}\n`);
        process.exitCode = err.status >= 500 ? ExitCode.unavailable : ExitCode.failed;
      }
    });
}
