import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { HttpClient } from '@provenant/sdk';
import { q } from './registry-client';

const run = promisify(execFile);

/** Thrown when tagging cannot go ahead; the message says what to do, nothing has been registered. */
export class GitTagError extends Error {}

/**
 * The full SHA of the run's code commit, as the registry learned it from the tracker, provided
 * the commit exists in the repository of the current directory (checked before registering, so
 * a refused tag never leaves a version that claims one).
 */
export async function localCommitOfRun(client: HttpClient, runId: string): Promise<string> {
  const lineage = await client.get<{ codeCommit: string | null }>(`/api/provenant/runs/${q(runId)}/lineage`);
  if (!lineage.codeCommit) throw new GitTagError(`run ${runId} recorded no code commit: nothing to tag`);
  try {
    const { stdout } = await run('git', [
      'rev-parse',
      '--verify',
      '--quiet',
      `${lineage.codeCommit}^{commit}`,
    ]);
    return stdout.trim();
  } catch {
    throw new GitTagError(
      `commit ${lineage.codeCommit} of run ${runId} is not in the git repository here (run from the ` +
        `project's checkout, after git fetch)`,
    );
  }
}

/**
 * `git tag -a <tag> <commit>`. An existing tag on the same commit is accepted (a re-run of CI);
 * one on another commit is refused, as git refuses to move it.
 */
export async function createAnnotatedTag(tag: string, commit: string, message: string): Promise<void> {
  const existing = await run('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`]).then(
    (r) => r.stdout.trim(),
    () => null,
  );
  if (existing === commit) return;
  if (existing !== null) throw new GitTagError(`tag ${tag} already exists on ${existing}, not on ${commit}`);
  await run('git', ['tag', '-a', tag, commit, '-m', message]);
}
