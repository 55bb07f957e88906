import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { RegistryClient, type ModelVersion } from '@provenant/sdk';
import { ExitCode, printJson } from '../../output';
import { createAnnotatedTag, GitTagError, localCommitOfRun } from './git-tag';
import { registryClient, reportRegistryError } from './registry-client';

interface Flags {
  runId: string;
  source?: string;
  digest?: string;
  signature?: string;
  gitTag?: boolean;
  json?: boolean;
}

/** `models register NAME --run-id ID`: a new model version from a tracker run (the model is created if new). */
export function registerRegisterCommand(models: Command): void {
  models
    .command('register <name>')
    .description('register a model version from a tracker run and its artifact digest')
    .requiredOption('--run-id <id>', 'tracker run that produced the model')
    .option('--source <uri>', 'artifact URI of the model', undefined)
    .option('--digest <sha256>', 'sha256:<hex> of the model artifact (default: resolved from the run)')
    .option('--signature <file>', 'MLflow signature JSON file: {"inputs": "...", "outputs": "..."}')
    .option('--git-tag', "tag the run's code commit model/<name>/v<N> (annotated) in this git repository")
    .option('--json', 'print the model version as JSON')
    .action(async (name: string, flags: Flags) => {
      const client = registryClient();
      try {
        // Checked first: a version is only recorded with a tag that can be created here.
        const commit = flags.gitTag ? await localCommitOfRun(client, flags.runId) : null;
        const signature = flags.signature ? JSON.parse(await readFile(flags.signature, 'utf8')) : undefined;
        const v = await new RegistryClient(client).registerModel(name, {
          runId: flags.runId,
          source: flags.source,
          artifactDigest: flags.digest,
          signature,
          gitTag: flags.gitTag,
        });
        if (commit && v.git_tag && !(await tagVersion(v, commit))) return;
        if (flags.json) return printJson(v);
        process.stdout.write(
          `registered ${v.name} v${v.version} from run ${v.run_id} (${v.artifact_digest ?? 'no artifact digest'})\n` +
            (v.git_tag
              ? `tagged ${v.git_tag} on ${commit}; share it with: git push origin ${v.git_tag}\n`
              : ''),
        );
      } catch (err) {
        if (!(err instanceof GitTagError)) return reportRegistryError(err);
        process.stderr.write(`provenant: ${err.message}; nothing registered\n`);
        process.exitCode = ExitCode.usage;
      }
    });
}

/** Tags the registered version; on failure says how to finish by hand (the version stays). */
async function tagVersion(v: ModelVersion, commit: string): Promise<boolean> {
  const tag = v.git_tag!;
  try {
    await createAnnotatedTag(
      tag,
      commit,
      `${v.name} v${v.version}: run ${v.run_id}, artifact ${v.artifact_digest ?? 'unknown'}`,
    );
    return true;
  } catch (err) {
    const why =
      err instanceof GitTagError ? err.message : ((err as { stderr?: string }).stderr ?? String(err)).trim();
    process.stderr.write(
      `registered ${v.name} v${v.version}, but the tag failed: ${why}\n` +
        `finish with: git tag -a ${tag} ${commit} -m '${v.name} v${v.version}'\n`,
    );
    process.exitCode = ExitCode.failed;
    return false;
  }
}
