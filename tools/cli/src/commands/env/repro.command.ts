import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ExitCode, printJson, printTable } from '../../output';
import { envVerifierClient } from './env-client';

interface CheckAnswer {
  checkId: string;
  verdict: 'REPRODUCED' | 'NOT_REPRODUCED' | 'INCONCLUSIVE';
  differences: {
    category: string;
    key: string;
    baseline: string | null;
    candidate: string | null;
    delta: number | null;
    tolerance: number | null;
    withinTolerance: boolean;
  }[];
  statement: unknown;
  provenanceDigest: string | null;
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as unknown;

export function registerReproCommand(env: Command): void {
  env
    .command('repro')
    .description(
      'did the candidate run reproduce the baseline? (run descriptions as JSON files); exit 1 unless reproduced',
    )
    .requiredOption(
      '--baseline <file>',
      'baseline run: {runId, commit, params, inputs, outputs, metrics, environment}',
    )
    .requiredOption('--candidate <file>', 'candidate run, same shape')
    .option('--abs <n>', 'absolute metric tolerance', Number)
    .option('--rel <n>', 'relative metric tolerance (fraction of the baseline)', Number)
    .option('--statement <file>', 'write the candidate’s in-toto/SLSA provenance statement here')
    .option('--json', 'print the check as JSON')
    .action(
      async (flags: {
        baseline: string;
        candidate: string;
        abs?: number;
        rel?: number;
        statement?: string;
        json?: boolean;
      }) => {
        const answer = await envVerifierClient().post<CheckAnswer>('/reproducibility/checks', {
          baseline: await readJson(flags.baseline),
          candidate: await readJson(flags.candidate),
          tolerance: { absolute: flags.abs, relative: flags.rel },
        });
        if (flags.statement && answer.statement)
          await writeFile(flags.statement, `${JSON.stringify(answer.statement, null, 2)}\n`);
        process.exitCode = answer.verdict === 'REPRODUCED' ? ExitCode.ok : ExitCode.failed;
        if (flags.json) return printJson(answer);
        process.stdout.write(`${answer.verdict} (check ${answer.checkId})\n`);
        if (answer.differences.length > 0)
          printTable(
            ['category', 'key', 'baseline', 'candidate', 'delta', 'tolerance', 'ok'],
            answer.differences.map((d) => [
              d.category,
              d.key,
              d.baseline ?? '∅',
              d.candidate ?? '∅',
              d.delta ?? '',
              d.tolerance ?? '',
              d.withinTolerance ? 'yes' : 'no',
            ]),
          );
        if (answer.provenanceDigest)
          process.stdout.write(
            `provenance ${answer.provenanceDigest}${flags.statement ? ` written to ${flags.statement}` : ''}\n`,
          );
      },
    );
}
