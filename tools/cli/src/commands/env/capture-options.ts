import type { Command } from 'commander';
import { captureEnvironment, type EnvironmentManifest } from '@provenant/env-capture';

export interface CaptureFlags {
  root?: string;
  lockfile?: string[];
  dockerfile?: string[];
  allowEnv?: string[];
  pipFreeze?: boolean;
  label?: string;
}

/** The capture flags, shared by `env capture` and `env verify` (which captures when given no manifest). */
export function withCaptureOptions(command: Command): Command {
  return command
    .option(
      '--root <dir>',
      'where lockfiles, the Dockerfile and the git repository are looked for',
      process.cwd(),
    )
    .option('--lockfile <files...>', 'lockfiles to read (default: every recognised lockfile in --root)')
    .option('--dockerfile <files...>', 'Dockerfiles to digest (default: ./Dockerfile when present)')
    .option(
      '--allow-env <names...>',
      'more environment variables to record (NAME or PREFIX_*); secrets are refused anyway',
    )
    .option('--pip-freeze', 'also record `python3 -m pip freeze` (slow)')
    .option('--label <name>', 'where this is captured: dev, staging, production, ci…');
}

export function captureWith(flags: CaptureFlags): Promise<EnvironmentManifest> {
  return captureEnvironment({
    root: flags.root,
    lockfiles: flags.lockfile,
    dockerfiles: flags.dockerfile,
    envAllowlist: flags.allowEnv,
    pipFreeze: flags.pipFreeze,
    label: flags.label ?? null,
  });
}
