import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeComponents } from '@provenant/env-capture';
import { printJson, printTable } from '../../output';
import { captureWith, withCaptureOptions, type CaptureFlags } from './capture-options';
import { envVerifierClient, short } from './env-client';

interface Flags extends CaptureFlags {
  out?: string;
  json?: boolean;
  publish?: boolean;
  runId?: string;
}

export function registerCaptureCommand(env: Command): void {
  withCaptureOptions(env.command('capture').description('capture and fingerprint this environment'))
    .option('--out <file>', 'write the manifest (JSON) to this file')
    .option('--publish', 'record it in the env-verifier (publishes EnvironmentCaptured)')
    .option('--run-id <id>', 'with --publish: the run this environment ran')
    .option('--json', 'print the manifest as JSON')
    .action(async (flags: Flags) => {
      const manifest = await captureWith(flags);
      if (flags.out) await writeFile(flags.out, `${JSON.stringify(manifest, null, 2)}\n`);
      const published = flags.publish
        ? await envVerifierClient().post<{ captureId: string }>('/environments', {
            manifest,
            runId: flags.runId,
          })
        : null;
      if (flags.json) return printJson(manifest);
      printTable(
        ['component', 'digest', 'summary'],
        describeComponents(manifest).map((c) => [c.name, short(c.digest), c.summary ?? '']),
      );
      const git = manifest.git
        ? `${manifest.git.commit.slice(0, 12)}${manifest.git.dirty ? ' (dirty)' : ''}`
        : 'none';
      process.stdout.write(`fingerprint ${manifest.fingerprint}\ngit commit  ${git}\n`);
      if (flags.out) process.stdout.write(`written to ${flags.out}\n`);
      if (published) process.stdout.write(`recorded as capture ${published.captureId}\n`);
    });
}
