import { execFileSync } from 'node:child_process';

function revParse(repoRoot: string, ref: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export interface BaseRef {
  readonly ref: string;
  readonly why: string;
}

/**
 * The ref to compare the working tree's schemas with: an explicit one; else `origin/main`, then
 * `main`, when it is not HEAD itself (a branch is compared with what it will merge into); else
 * `HEAD~1` (on main, the last commit and uncommitted changes are checked); else HEAD (the first
 * commit: only uncommitted changes). Undefined when the repository has no commit at all.
 */
export function resolveBaseRef(repoRoot: string, explicit?: string): BaseRef | undefined {
  if (explicit) {
    if (!revParse(repoRoot, explicit)) throw new Error(`base ref ${explicit} does not exist`);
    return { ref: explicit, why: 'given' };
  }
  const head = revParse(repoRoot, 'HEAD');
  if (!head) return undefined;
  for (const candidate of ['origin/main', 'main']) {
    const commit = revParse(repoRoot, candidate);
    if (commit && commit !== head)
      return { ref: candidate, why: `${candidate} is the branch this one merges into` };
  }
  if (revParse(repoRoot, 'HEAD~1'))
    return { ref: 'HEAD~1', why: 'HEAD is main; checking its last commit and uncommitted changes' };
  return { ref: 'HEAD', why: 'only one commit; checking uncommitted changes' };
}
