import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Verification } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';
import { captureWith, withCaptureOptions, type CaptureFlags } from './capture-options';
import { envVerifierClient, short } from './env-client';

interface Flags extends CaptureFlags {
  manifest?: string;
  fingerprint?: string;
  target?: string;
  againstRun?: string;
  against?: string;
  json?: boolean;
}

export function printDifferences(differences: Verification['differences']): void {
  if (differences.length === 0) return;
  printTable(
    ['severity', 'component', 'what', 'expected', 'actual'],
    differences.map((d) => [
      d.severity,
      d.component,
      d.path || '(whole component)',
      d.expected ?? '∅',
      d.actual ?? '∅',
    ]),
  );
}

export function registerVerifyCommand(env: Command): void {
  withCaptureOptions(
    env
      .command('verify')
      .description(
        'verify this environment (or a manifest) against a target, a run or another environment; exit 1 when drifted',
      ),
  )
    .option('--target <name>', 'a named target, e.g. production')
    .option('--against-run <runId>', 'the environment a run was captured in')
    .option('--against <fingerprint>', 'another recorded environment')
    .option('--manifest <file>', 'verify this manifest instead of capturing now')
    .option('--fingerprint <fingerprint>', 'verify an environment already recorded')
    .option('--json', 'print the verification as JSON')
    .action(async (flags: Flags) => {
      const reference = { target: flags.target, runId: flags.againstRun, fingerprint: flags.against };
      if (Object.values(reference).filter(Boolean).length !== 1)
        throw new Error('give exactly one of --target, --against-run, --against');
      const subject = flags.fingerprint
        ? { fingerprint: flags.fingerprint }
        : {
            manifest: flags.manifest
              ? JSON.parse(await readFile(flags.manifest, 'utf8'))
              : await captureWith(flags),
          };
      const answer = await envVerifierClient().post<Verification>('/environments/verifications', {
        ...subject,
        reference,
      });
      process.exitCode = answer.verdict === 'DRIFTED' ? ExitCode.failed : ExitCode.ok;
      if (flags.json) return printJson(answer);
      process.stdout.write(
        `${answer.verdict}: ${short(answer.fingerprint)} against ${answer.reference.kind.toLowerCase()} ${answer.reference.id} (${short(answer.reference.fingerprint)})\n`,
      );
      printDifferences(answer.differences);
    });
}
