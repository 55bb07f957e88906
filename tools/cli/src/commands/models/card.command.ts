import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { serviceUrl } from '@provenant/sdk';
import { ExitCode, printJson } from '../../output';
import { q, registryClient, reportRegistryError } from './registry-client';

/** `models card NAME VERSION [--edit FILE] [--json]`: publish or print a version's model card. */
export function registerCardCommand(models: Command): void {
  models
    .command('card <name> <version>')
    .description('print the model card as Markdown; --edit FILE publishes a new revision (JSON sections)')
    .option('--edit <file>', 'JSON with sections to set: description, owners, license, intendedUses, …')
    .option('--revision <n>', 'print this revision instead of the latest')
    .option('--json', 'print the structured card as JSON')
    .action(
      async (name: string, version: string, flags: { edit?: string; revision?: string; json?: boolean }) => {
        const path = `/api/provenant/models/${q(name)}/versions/${q(version)}/card`;
        const query = flags.revision ? `?revision=${q(flags.revision)}` : '';
        try {
          if (flags.edit)
            await registryClient().request('PUT', path, JSON.parse(await readFile(flags.edit, 'utf8')));
          if (flags.json) return printJson(await registryClient().get(`${path}${query}`));
          // Markdown is not JSON, so it is fetched directly rather than through the JSON client.
          const res = await fetch(`${serviceUrl('registry')}${path}/markdown${query}`, {
            headers: { authorization: `Bearer ${process.env.PROVENANT_TOKEN ?? 'dev-scientist-token'}` },
          });
          if (!res.ok) {
            process.stderr.write(`registry answered ${res.status}: ${await res.text()}\n`);
            process.exitCode = ExitCode.failed;
            return;
          }
          process.stdout.write(await res.text());
        } catch (err) {
          reportRegistryError(err);
        }
      },
    );
}
