import type { Command } from 'commander';
import { buildManifest } from '@provenant/dataset-hashing';
import { ServiceError } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';
import { registryClient, reportRegistryError } from '../models/registry-client';
import type { DatasetVersionAnswer } from './dataset-ref';
import { readDvcProject } from './dvc-project';

interface Imported {
  path: string;
  recorded_in: string;
  stage: string | null;
  dvc_md5: string;
  version: string | null;
  digest: string | null;
  error: string | null;
}

/**
 * `data import-dvc DIR`: registers every DVC output as a dataset version, hashing the workspace
 * copy and sending DVC's MD5 along, so the registry refuses any output whose content disagrees.
 */
export function registerImportDvcCommand(data: Command): void {
  data
    .command('import-dvc <dir>')
    .description(
      "register a DVC project's outputs (.dvc files, dvc.lock stages) as dataset versions, cross-checking DVC's MD5",
    )
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, flags: { json?: boolean }) => {
      const outputs = await readDvcProject(dir).catch((err: Error) => {
        process.stderr.write(`cannot read the DVC project in ${dir}: ${err.message}\n`);
        process.exit(ExitCode.usage);
      });
      const client = registryClient();
      const results: Imported[] = [];
      for (const out of outputs) {
        const row: Imported = {
          path: out.path,
          recorded_in: out.recordedIn,
          stage: out.stage?.name ?? null,
          dvc_md5: out.md5,
          version: null,
          digest: null,
          error: null,
        };
        try {
          const { entries } = await buildManifest(out.abs);
          const v = await client.post<DatasetVersionAnswer>('/api/provenant/datasets', {
            name: out.path,
            path: out.path,
            entries,
            origin: 'DVC_IMPORT',
            dvc_md5: out.md5,
            ...(out.stage ? { dvc_stage: out.stage, used: out.deps } : {}),
          });
          Object.assign(row, { version: `${v.name}@v${v.version}`, digest: v.digest });
        } catch (err) {
          if (err instanceof ServiceError)
            row.error = String((err.body as { message?: unknown }).message ?? err.message);
          else if (err instanceof Error && 'code' in err)
            row.error = `${String(err.code)}: workspace copy missing (run dvc checkout)`;
          else return reportRegistryError(err);
        }
        results.push(row);
      }
      if (flags.json) printJson({ imported: results });
      else
        printTable(
          ['path', 'from', 'dvc md5', 'version', 'error'],
          results.map((r) => [
            r.path,
            r.stage ? `${r.recorded_in}:${r.stage}` : r.recorded_in,
            r.dvc_md5,
            r.version ?? '-',
            r.error ?? '-',
          ]),
        );
      process.exitCode = results.some((r) => r.error) ? ExitCode.failed : ExitCode.ok;
    });
}
