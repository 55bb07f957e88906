import { dirname, join, resolve } from 'node:path';
import type { GitState } from '../manifest';
import { readOptional, run } from './system';

/**
 * The commit checked out at or above `root`, read from `.git` directly (a `git rev-parse` costs
 * ~13 ms); only the dirty check runs git. Worktrees (`.git` is a file) are followed.
 */
export async function gitState(root: string): Promise<GitState | null> {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const gitDir = await resolveGitDir(join(dir, '.git'));
    if (gitDir) return readState(dir, gitDir);
    if (dirname(dir) === dir) return null;
  }
}

async function resolveGitDir(path: string): Promise<string | null> {
  if ((await readOptional(join(path, 'HEAD'))) !== null) return path;
  const pointer = await readOptional(path);
  const match = pointer ? /^gitdir:\s*(.+)$/m.exec(pointer) : null;
  return match ? resolve(dirname(path), match[1].trim()) : null;
}

async function readState(workTree: string, gitDir: string): Promise<GitState | null> {
  const head = (await readOptional(join(gitDir, 'HEAD')))?.trim();
  if (!head) return null;
  const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
  const [commit, status] = await Promise.all([
    ref ? resolveRef(gitDir, ref) : Promise.resolve(head),
    run('git', ['-C', workTree, 'status', '--porcelain', '--untracked-files=no']),
  ]);
  if (!commit) return null;
  return {
    commit,
    branch: ref?.replace(/^refs\/heads\//, '') ?? null,
    dirty: status ? status.stdout.trim() !== '' : null,
  };
}

async function resolveRef(gitDir: string, ref: string): Promise<string | null> {
  // Worktrees keep branch refs in the common dir.
  const common = (await readOptional(join(gitDir, 'commondir')))?.trim();
  const dirs = common ? [gitDir, resolve(gitDir, common)] : [gitDir];
  for (const dir of dirs) {
    const loose = (await readOptional(join(dir, ref)))?.trim();
    if (loose) return loose;
    const packed = await readOptional(join(dir, 'packed-refs'));
    const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
    if (line) return line.split(' ')[0];
  }
  return null;
}
