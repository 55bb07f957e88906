import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { ExitCode, printJson, printTable } from '../../output';
import { checkInclusion, openCheckpoint } from '@provenant/sdk';
import {
  ledgerHttp,
  reportingLedgerErrors,
  withLedgerOptions,
  type LedgerHttpOptions,
} from '../lineage/ledger-http';

interface Opts extends LedgerHttpOptions {
  jsonl?: string;
  key?: string;
  json?: boolean;
}

interface TrailPage {
  entries: any[];
  next: number | null;
  checkpoint?: { treeSize: number; note: string };
}

/** Every page of a subject's trail, with leaves and proofs. */
async function* trail(
  o: Opts,
  kind: string,
  id: string,
): AsyncGenerator<{ entry: any; note: string | null }> {
  const http = ledgerHttp(o);
  for (let after = -1; ;) {
    const page = await http.get<TrailPage>('/audit/trail', { kind, id, after, limit: 1000, proofs: true });
    for (const entry of page.entries) yield { entry, note: page.checkpoint?.note ?? null };
    if (page.next === null) return;
    after = page.next;
  }
}

/** `provenant audit …`: what happened to a model, dataset, run or feature view, and who did it. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('audit trails from the ledger');
  withLedgerOptions(
    audit
      .command('trail <kind> <id>')
      .description('chronological events of a subject (model NAME, dataset NAME, run ID, feature_view NAME)')
      .option('--jsonl <file>', 'export JSON Lines: each event with its leaf, inclusion proof and checkpoint')
      .option(
        '--key <key>',
        'verifier key (GET /ledger/public-key): check every exported proof before writing',
      )
      .option('--json', 'print JSON'),
  ).action((kind: string, id: string, o: Opts) =>
    reportingLedgerErrors(async () => {
      const rows: { entry: any; note: string | null }[] = [];
      for await (const r of trail(o, kind, id)) rows.push(r);
      const failed = o.key ? verify(rows, o.key.trim()) : [];
      if (o.jsonl) {
        const out = createWriteStream(o.jsonl);
        for (const { entry, note } of rows) out.write(`${JSON.stringify({ ...entry, checkpoint: note })}\n`);
        out.end();
        await once(out, 'finish');
      }
      if (o.json) printJson(rows.map((r) => r.entry));
      else if (!o.jsonl)
        printTable(
          ['leaf', 'occurred at', 'event', 'actor', 'producer'],
          rows.map(({ entry: e }) => [
            e.leafIndex,
            e.occurredAt,
            e.eventType,
            `${e.actor.principal} (${e.actor.kind})`,
            e.producer,
          ]),
        );
      const proved = rows.filter((r) => r.entry.proof).length;
      process.stderr.write(
        `${rows.length} events of ${kind}:${id}; ${proved} with an inclusion proof${o.key ? ` (${proved - failed.length} verified)` : ''}` +
          `${o.jsonl ? `; written to ${o.jsonl}` : ''}\n`,
      );
      for (const f of failed) process.stderr.write(`✗ ${f}\n`);
      if (failed.length) process.exitCode = ExitCode.failed;
    }),
  );
}

/** The offline checks of the SDK's ledger-audit.ts: signature of each checkpoint, then each proof. */
function verify(rows: { entry: any; note: string | null }[], key: string): string[] {
  const failed: string[] = [];
  for (const { entry, note } of rows) {
    if (!entry.proof || !note) continue;
    try {
      const check = checkInclusion({ ...entry.proof, leaf: entry.leaf }, openCheckpoint(note, key));
      if (!check.ok) failed.push(`${check.what}: ${check.detail}`);
    } catch (err) {
      failed.push(`checkpoint of leaf ${entry.leafIndex}: ${(err as Error).message}`);
    }
  }
  return failed;
}
