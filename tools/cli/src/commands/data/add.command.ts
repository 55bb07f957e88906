import { basename, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildManifest, HashCache } from '@provenant/dataset-hashing';
import { ExitCode, printJson } from '../../output';
import { registryClient, reportRegistryError } from '../models/registry-client';
import { human, type DatasetVersionAnswer } from './dataset-ref';

/** `data add PATH [--name NAME]`: hash (stat cache first) and register a dataset version. */
export function registerAddCommand(data: Command): void {
  data
    .command('add <path>')
    .description(
      'register a file or directory as an immutable dataset version (unchanged files are not re-read)',
    )
    .option('--name <name>', 'dataset name (default: the file or directory name)')
    .option('--json', 'print the version as JSON')
    .action(async (path: string, flags: { name?: string; json?: boolean }) => {
      const started = performance.now();
      const built = await buildManifest(path).catch((err: NodeJS.ErrnoException) => {
        process.stderr.write(`cannot read ${path}: ${err.code ?? err.message}\n`);
        process.exit(ExitCode.usage);
      });
      const hashMs = performance.now() - started;
      const name = flags.name ?? basename(resolve(path)).replace(/[^\w.-]/g, '_');
      try {
        const v = await registryClient().post<DatasetVersionAnswer>('/api/provenant/datasets', {
          name,
          path: relative(process.cwd(), resolve(path)).split('\\').join('/') || '.',
          entries: built.entries,
        });
        // The registry recomputes the root from the entries; ours came from the cached tree.
        if (v.digest !== built.root) {
          process.stderr.write(
            `warning: the local Merkle cache gave ${built.root}, the registry ${v.digest}; it is rebuilt next time\n`,
          );
          await HashCache.forgetTree(path);
        }
        if (flags.json)
          return printJson({
            ...v,
            hashed: built.hashed,
            from_cache: built.fromCache,
            merkle_nodes_hashed: built.nodesHashed,
            hash_ms: Math.round(hashMs),
          });
        const what = v.created ? 'registered' : 'unchanged:';
        process.stdout.write(
          `${what} ${v.name}@v${v.version} ${v.digest} (${v.file_count} files, ${human(v.total_bytes)}; ` +
            `${built.hashed} hashed, ${built.fromCache} from cache, ${built.nodesHashed} Merkle nodes in ${Math.round(hashMs)} ms)\n`,
        );
      } catch (err) {
        reportRegistryError(err);
      }
    });
}
