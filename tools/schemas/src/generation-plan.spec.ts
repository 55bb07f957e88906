import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAndValidate, OUTPUT_KINDS, planGeneration } from './generation-plan';

const repoRoot = resolve(__dirname, '../../..');

// The same check as `npm run schemas:check`, so a plain test run also catches stale output.
describe(planGeneration.name, () => {
  const loaded = loadAndValidate(repoRoot);

  it('finds no rule broken by the schemas', () => {
    expect(loaded.problems).toEqual([]);
  });

  it('matches what is committed: run `npm run schemas:gen` when this fails', () => {
    const plan = planGeneration(repoRoot, loaded, OUTPUT_KINDS);
    const stale = [...plan.files]
      .filter(([path, content]) => !existsSync(join(repoRoot, path)) || !readFileSync(join(repoRoot, path)).equals(Buffer.from(content)))
      .map(([path]) => path);
    expect(stale).toEqual([]);
  });
});
