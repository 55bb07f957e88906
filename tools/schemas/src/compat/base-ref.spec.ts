import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBaseRef } from './base-ref';

describe(resolveBaseRef.name, () => {
  let repo: string;
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  const commit = (name: string): void => {
    writeFileSync(join(repo, name), name);
    git('add', name);
    git('commit', '-q', '-m', name);
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'base-ref-'));
    git('init', '-q', '-b', 'main');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('skips when there is no commit', () => {
    expect(resolveBaseRef(repo)).toBeUndefined();
  });

  it('uses HEAD on the first commit, HEAD~1 on main, and main from a branch', () => {
    commit('a');
    expect(resolveBaseRef(repo)?.ref).toBe('HEAD');
    commit('b');
    expect(resolveBaseRef(repo)?.ref).toBe('HEAD~1');
    git('checkout', '-q', '-b', 'feature');
    commit('c');
    expect(resolveBaseRef(repo)?.ref).toBe('main');
  });

  it('refuses an explicit ref that does not exist', () => {
    commit('a');
    expect(() => resolveBaseRef(repo, 'nope')).toThrow('base ref nope does not exist');
  });
});
