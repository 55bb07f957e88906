import type { Command } from 'commander';
import { diffManifests } from '@provenant/dataset-hashing';
import { printJson } from '../../output';
import { reportRegistryError } from '../models/registry-client';
import { fetchVersion } from './dataset-ref';

/** `data diff A B [--json]`: what changed between two dataset versions, in `dvc diff` terms. */
export function registerDiffCommand(data: Command): void {
  data
    .command('diff <a> <b>')
    .description('added, deleted, modified and renamed files between two versions (NAME@vN)')
    .option('--json', "DVC's `diff --json` shape")
    .action(async (a: string, b: string, flags: { json?: boolean }) => {
      try {
        const [before, after] = await Promise.all([fetchVersion(a), fetchVersion(b)]);
        const diff = diffManifests(before.manifest, after.manifest);
        if (flags.json) return printJson(diff);
        const lines = [
          ...diff.added.map((e) => `Added:    ${e.path}`),
          ...diff.deleted.map((e) => `Deleted:  ${e.path}`),
          ...diff.modified.map((e) => `Modified: ${e.path}`),
          ...diff.renamed.map((e) => `Renamed:  ${e.path.old} -> ${e.path.new}`),
        ];
        process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n\n` : '');
        process.stdout.write(
          `files summary: ${diff.added.length} added, ${diff.deleted.length} deleted, ${diff.renamed.length} renamed, ${diff.modified.length} modified\n`,
        );
      } catch (err) {
        reportRegistryError(err);
      }
    });
}
