import type { Command } from 'commander';
import { printJson, printTable } from '../../output';
import { ledgerHttp, reportingLedgerErrors, withLedgerOptions, type LedgerHttpOptions } from './ledger-http';
import { renderTree, type TreeNode } from './print-tree';

interface Opts extends LedgerHttpOptions {
  json?: boolean;
  depth?: string;
  treeSize?: string;
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
}
