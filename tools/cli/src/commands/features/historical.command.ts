import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { serviceUrl } from '@provenant/sdk';
import { ExitCode, printJson } from '../../output';
import { openRowSource } from './row-sources';

interface Options {
  entities: string;
  features?: string;
  featureService?: string;
  asOf?: string;
  out: string;
  name?: string;
  timestampField: string;
  json?: boolean;
}

const FORMATS: Record<string, 'csv' | 'parquet' | 'json'> = {
  '.csv': 'csv',
  '.parquet': 'parquet',
  '.json': 'json',
};

/**
 * `features historical`: a point-in-time-correct training set. The materializer builds the file
 * (so the digest it publishes is the digest of these bytes); the CLI only reads and writes files.
 */
export function registerHistoricalCommand(features: Command): void {
  features
    .command('historical')
    .description('build a point-in-time-correct training set from entity rows')
    .requiredOption(
      '--entities <file>',
      'entity rows: join keys and a timestamp column (.csv, .parquet or .json)',
    )
    .option('--features <refs>', 'comma-separated view:feature references (view@v2:feature pins a version)')
    .option('--feature-service <name>', 'take the features of a feature service instead')
    .option('--as-of <time>', 'ignore values learned after this time (RFC 3339 or µs): no late data leaks in')
    .option('--timestamp-field <column>', 'timestamp column of the entity rows', 'event_timestamp')
    .option('--name <name>', 'dataset name the training set is registered under')
    .requiredOption('--out <file>', 'output file; .csv, .parquet or .json decides the format')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: Options) => {
      const format = FORMATS[extname(opts.out).toLowerCase()];
      if (!format) throw new Error(`--out ${opts.out}: expected a .csv, .parquet or .json file`);
      const file = resolve(opts.entities);
      const entityRows: Record<string, unknown>[] = [];
      for await (const row of openRowSource(file).rows()) entityRows.push(row);
      const sha256 = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
      const body = {
        name: opts.name,
        entityRows,
        timestampField: opts.timestampField,
        features: opts.features
          ?.split(',')
          .map((f) => f.trim())
          .filter(Boolean),
        featureService: opts.featureService,
        asOf: opts.asOf,
        format,
        entitySource: { uri: pathToFileURL(file).href, sha256 },
      };
      const res = await fetch(`${serviceUrl('materializer')}/training-sets`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${process.env.PROVENANT_TOKEN ?? 'dev-scientist-token'}`,
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        const error = (await res.json().catch(() => ({}))) as { message?: string | string[] };
        const lines = Array.isArray(error.message) ? error.message : [error.message ?? res.statusText];
        process.stderr.write(
          `provenant: training set rejected (${res.status}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
        );
        process.exitCode = res.status >= 500 ? ExitCode.unavailable : ExitCode.failed;
        return;
      }
      await writeFile(opts.out, Buffer.from(await res.arrayBuffer()));
      const summary = {
        trainingSetId: res.headers.get('x-training-set-id'),
        digest: res.headers.get('x-training-set-digest'),
        rows: Number(res.headers.get('x-training-set-rows')),
        featureViews: res.headers.get('x-training-set-features'),
        out: opts.out,
      };
      if (opts.json) printJson(summary);
      else
        process.stdout.write(
          `${summary.rows} rows written to ${summary.out} (${summary.digest}; ${summary.featureViews}; training set ${summary.trainingSetId})\n`,
        );
    });
}
