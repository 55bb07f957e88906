import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  DEFAULT_POLICY,
  diffManifests,
  parseManifest,
  verificationPolicySchema,
  verifyDifferences,
} from '@provenant/env-capture';
import { ExitCode, printJson } from '../../output';
import { printDifferences } from './verify.command';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as unknown;

export function registerCompareCommand(env: Command): void {
  env
    .command('compare <reference> <actual>')
    .description('compare two manifest files offline (no service needed); exit 1 when drifted')
    .option('--policy <file>', 'a policy file (JSON: {rules: [{match, severity, when?}], default})')
    .option('--json', 'print the verification as JSON')
    .action(async (referenceFile: string, actualFile: string, flags: { policy?: string; json?: boolean }) => {
      const reference = parseManifest(await readJson(referenceFile), referenceFile);
      const actual = parseManifest(await readJson(actualFile), actualFile);
      const policy = flags.policy
        ? verificationPolicySchema.parse(await readJson(flags.policy))
        : DEFAULT_POLICY;
      const result = verifyDifferences(
        reference.fingerprint === actual.fingerprint,
        diffManifests(reference, actual),
        policy,
      );
      process.exitCode = result.verdict === 'DRIFTED' ? ExitCode.failed : ExitCode.ok;
      if (flags.json)
        return printJson({ reference: reference.fingerprint, actual: actual.fingerprint, ...result });
      process.stdout.write(`${result.verdict}: ${actualFile} against ${referenceFile}\n`);
      printDifferences(result.differences);
    });
}
