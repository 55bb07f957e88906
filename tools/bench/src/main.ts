import Table from 'cli-table3';
import type { BenchSuite } from './bench-result';
import { SUITES } from './suites';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const name = args.find((a) => !a.startsWith('--'));
  const suite: BenchSuite | undefined = SUITES.find((s) => s.name === name);
  if (!suite) {
    process.stderr.write(`usage: npm run bench -- <suite> [--json]\nsuites:\n${SUITES.map((s) => `  ${s.name.padEnd(10)} ${s.description}`).join('\n')}\n`);
    process.exitCode = 2;
    return;
  }
  // Progress goes to stderr so `--json` output stays one parseable object on stdout.
  const results = await suite.run((line) => process.stderr.write(`[${suite.name}] ${line}\n`));
  if (json) {
    process.stdout.write(`${JSON.stringify({ suite: suite.name, results })}\n`);
    return;
  }
  const table = new Table({ head: ['measure', 'value', 'unit', 'floor', 'ratio', 'target'] });
  for (const r of results) table.push([r.name, r.value, r.unit, r.floor ?? '-', r.ratio ?? '-', r.target].map(String));
  process.stdout.write(`${table.toString()}\n`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
