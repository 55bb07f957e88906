import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadAndValidate } from './generation-plan';

const repoRoot = resolve(__dirname, '../../..');

describe(loadAndValidate.name, () => {
  it('finds no rule broken by the schemas', () => {
    expect(loadAndValidate(repoRoot).problems).toEqual([]);
  });
});

// `npm run schemas:check` in a child process (prettier, which formats the doc, cannot load inside
// Jest's module sandbox), so that a plain test run also catches stale generated files.
describe('generated files', () => {
  it('match the schemas: run `npm run schemas:gen` when this fails', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/schemas/src/generate.ts', '--check'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(`${run.stdout}${run.stderr}`).toContain('generated files up to date');
    expect(run.status).toBe(0);
  });
});
