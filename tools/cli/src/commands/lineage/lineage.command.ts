import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { printJson, printTable } from '../../output';
import { ledgerHttp, reportingLedgerErrors, withLedgerOptions, type LedgerHttpOptions } from './ledger-http';
import { renderTree, type TreeNode } from './print-tree';

interface Opts extends LedgerHttpOptions {
  json?: boolean;
  depth?: string;
  treeSize?: string;
  out?: string;
  after?: string;
}

const asOf = (o: Opts) => (o.treeSize === undefined ? {} : { treeSize: o.treeSize });

/** `provenant lineage …`: where a prediction, model or dataset came from, and what came of it. */
export function registerLineageCommands(program: Command): void {
  const lineage = program.command('lineage').description('lineage recorded in the audit ledger');
  withLedgerOptions(
    lineage
      .command('prediction <id>')
      .description(
        'a prediction back to its served features, batches, sources, model, run, data, code and environment',
      )
      .option('--tree-size <n>', 'as of this tree size')
      .option('--json', 'print JSON'),
  ).action((id: string, o: Opts) =>
    reportingLedgerErrors(async () => {
      const body = await ledgerHttp(o).get<{ root: TreeNode; missing: string[]; treeSize: number }>(
        `/lineage/prediction/${encodeURIComponent(id)}`,
        asOf(o),
      );
      if (o.json) return printJson(body);
      process.stdout.write(renderTree(body.root));
      process.stdout.write(`\nas of tree size ${body.treeSize}\n`);
      for (const m of body.missing) process.stdout.write(`missing: ${m}\n`);
    }),
  );
  for (const direction of ['upstream', 'downstream'] as const)
    withLedgerOptions(
      lineage
        .command(`${direction} <ref>`)
        .description(
          `${direction === 'upstream' ? 'what a thing came from' : 'what came of a thing'} (<kind>:<id>)`,
        )
        .option('--depth <n>', 'hops to follow', '20')
        .option('--tree-size <n>', 'as of this tree size')
        .option('--json', 'print JSON'),
    ).action((ref: string, o: Opts) =>
      reportingLedgerErrors(async () => {
        // Refs keep their slashes (`model:fraud/3`): the route takes the rest of the path.
        const path = `/lineage/${direction}/${ref.split('/').map(encodeURIComponent).join('/')}`;
        const body = await ledgerHttp(o).get<any>(path, { depth: o.depth, ...asOf(o) });
        if (o.json) return printJson(body);
        printTable(
          ['depth', 'from', 'to', 'role', 'asserted by'],
          body.edges.map((e: any) => [
            e.depth,
            e.from,
            e.to,
            e.role ?? '',
            `${e.eventType} leaf ${e.leafIndex}`,
          ]),
        );
        if (body.truncated) process.stdout.write('(truncated: narrow the depth)\n');
      }),
    );
  withLedgerOptions(
    lineage
      .command('openlineage')
      .description(
        'export runs, materializations and training sets as OpenLineage RunEvents (JSON Lines, one event a line)',
      )
      .option('--out <file>', 'write to this file (default: standard output)')
      .option(
        '--after <leafIndex>',
        "only leaves after this index (the last line's provenant.leafIndex)",
        '-1',
      ),
  ).action((o: Opts) =>
    reportingLedgerErrors(async () => {
      const out = o.out ? createWriteStream(o.out) : process.stdout;
      const http = ledgerHttp(o);
      let after: number | null = Number(o.after);
      let written = 0;
      while (after !== null) {
        const page: { events: unknown[]; next: number | null } = await http.get<{
          events: unknown[];
          next: number | null;
        }>('/openlineage/events', {
          after,
          limit: 1000,
        });
        for (const event of page.events)
          if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
        written += page.events.length;
        after = page.next;
      }
      if (o.out) {
        out.end();
        await once(out, 'finish');
        process.stderr.write(`${written} OpenLineage events written to ${o.out}\n`);
      }
    }),
  );
}
