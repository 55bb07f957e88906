import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { ExitCode, printJson } from '../../output';
import { reportServiceError } from './plan-apply.command';
import { sendBatches, type IngestSummary } from './send-batches';
import { openRowSource } from './row-sources';

interface Options {
  view: string;
  file: string;
  batchSize: string;
  policy?: 'ACCEPT_VALID' | 'REJECT_ALL';
  json?: boolean;
}

async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function printSummary(s: IngestSummary): void {
  process.stdout.write(
    `${s.rows} rows read from ${s.file}: ${s.accepted} accepted, ${s.rejected} rejected` +
      `${s.duplicateBatches > 0 ? `, ${s.duplicateBatches} batches already ingested` : ''} in ${s.seconds.toFixed(1)} s (${Math.round(s.rowsPerSecond)} rows/s)\n`,
  );
  for (const r of s.firstRejections) process.stdout.write(`  row ${r.row}: ${r.reason} ${r.message}\n`);
}

/**
 * `features ingest`: a backfill from CSV or Parquet, streamed in batches (memory stays bounded by
 * one batch, or one Parquet row group). Batch ids derive from the file's SHA-256, so running the
 * same backfill again writes nothing twice.
 */
export function registerIngestCommand(features: Command): void {
  features
    .command('ingest')
    .description('backfill a feature view from a CSV or Parquet file')
    .requiredOption('--view <name>', 'feature view to ingest into')
    .requiredOption('--file <path>', '.csv (header row) or .parquet file')
    .option('--batch-size <rows>', 'rows per request', '10000')
    .option('--policy <policy>', 'ACCEPT_VALID or REJECT_ALL (default: the service setting)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: Options) => {
      const file = resolve(opts.file);
      const source = openRowSource(file);
      const digest = await fileDigest(file);
      try {
        const summary = await sendBatches({
          view: opts.view,
          file,
          sourceUri: pathToFileURL(file).href,
          batchPrefix: `bulk-${digest.slice(0, 24)}`,
          batchSize: Number(opts.batchSize),
          policy: opts.policy,
          source,
          showProgress: !opts.json,
        });
        if (opts.json) printJson({ ...summary, sha256: digest });
        else printSummary(summary);
        process.exitCode = summary.rejected > 0 ? ExitCode.failed : ExitCode.ok;
      } catch (err) {
        reportServiceError(err);
      }
    });
}
