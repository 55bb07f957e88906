import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ServiceError } from '@provenant/sdk';
import { printJson } from '../../output';
import { registryClient, reportRegistryError } from './registry-client';

interface Flags {
  runId: string;
  source?: string;
  digest?: string;
  signature?: string;
  json?: boolean;
}

interface VersionAnswer {
  model_version: { name: string; version: string; artifact_digest: string | null; run_id: string };
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
    .option('--json', 'print the model version as JSON')
    .action(async (name: string, flags: Flags) => {
      const client = registryClient();
      try {
        await client.post('/api/2.0/mlflow/registered-models/create', { name }).catch((err: unknown) => {
          // Registering a further version of an existing model is the common case.
          const existing =
            err instanceof ServiceError &&
            (err.body as { error_code?: string }).error_code === 'RESOURCE_ALREADY_EXISTS';
          if (!existing) throw err;
        });
        const signature = flags.signature ? JSON.parse(await readFile(flags.signature, 'utf8')) : undefined;
        const { model_version: v } = await client.post<VersionAnswer>(
          '/api/2.0/mlflow/model-versions/create',
          {
            name,
            source: flags.source ?? `runs:/${flags.runId}/model`,
            run_id: flags.runId,
            artifact_digest: flags.digest,
            signature,
          },
        );
        if (flags.json) return printJson(v);
        process.stdout.write(
          `registered ${v.name} v${v.version} from run ${v.run_id} (${v.artifact_digest ?? 'no artifact digest'})\n`,
        );
      } catch (err) {
        reportRegistryError(err);
      }
    });
}
