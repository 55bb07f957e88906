import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ExitCode } from '../../output';
import { checkInclusion, openCheckpoint } from '@provenant/sdk';
import {
  ledgerHttp,
  reportingLedgerErrors,
  withLedgerOptions,
  type LedgerHttpOptions,
} from '../lineage/ledger-http';
import { renderHtml, renderMarkdown } from './render';
import { reportDocument } from './report-document';

interface Opts extends LedgerHttpOptions {
  format: string;
  out?: string;
  key?: string;
}

const FORMATS = ['md', 'json', 'html'];

/** `provenant report model NAME VERSION`: the reproducibility report, every claim proved. */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('reports built from the audit ledger');
  withLedgerOptions(
    report
      .command('model <name> <version>')
      .description(
        'reproducibility report of a model version: data, code, environment, params, metrics, approvals, card, Annex IV',
      )
      .option('--format <format>', 'md, json or html', 'md')
      .option('--out <file>', 'write to this file (default: stdout)')
      .option('--key <key>', 'verifier key: check the checkpoint signature and every proof first'),
  ).action((name: string, version: string, o: Opts) =>
    reportingLedgerErrors(async () => {
      if (!FORMATS.includes(o.format)) {
        process.stderr.write(`--format must be one of ${FORMATS.join(', ')}\n`);
        process.exitCode = ExitCode.usage;
        return;
      }
      const r = await ledgerHttp(o).get<any>(
        `/reports/models/${encodeURIComponent(name)}/${encodeURIComponent(version)}`,
      );
      if (o.key && !verified(r, o.key.trim())) return;
      const text =
        o.format === 'json'
          ? `${JSON.stringify(r, null, 2)}\n`
          : o.format === 'html'
            ? renderHtml(reportDocument(r))
            : renderMarkdown(reportDocument(r));
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    }),
  );
}

/** The ledger CLI's own offline checks, over every proof the report carries. */
function verified(r: any, key: string): boolean {
  try {
    const cp = openCheckpoint(r.checkpoint.note, key);
    const bad = Object.values(r.proofs)
      .filter(Boolean)
      .map((p: any) => checkInclusion(p, cp))
      .filter((c) => !c.ok);
    for (const c of bad) process.stderr.write(`✗ ${c.what}: ${c.detail}\n`);
    if (bad.length === 0)
      process.stderr.write(`✓ checkpoint signature and ${Object.keys(r.proofs).length} inclusion proofs\n`);
    if (bad.length) process.exitCode = ExitCode.failed;
    return bad.length === 0;
  } catch (err) {
    process.stderr.write(`✗ checkpoint signature: ${(err as Error).message}\n`);
    process.exitCode = ExitCode.failed;
    return false;
  }
}
