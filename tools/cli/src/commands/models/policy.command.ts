import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { printJson } from '../../output';
import { q, registryClient, reportRegistryError } from './registry-client';

/** `models policy get|set NAME --to TARGET [--file policy.json]`. */
export function registerPolicyCommands(models: Command): void {
  const policy = models.command('policy').description("a model's promotion policy per target");
  policy
    .command('get <name>')
    .requiredOption('--to <target>', 'target alias')
    .action(async (name: string, flags: { to: string }) => {
      try {
        printJson(await registryClient().get(`/api/provenant/models/${q(name)}/policies/${q(flags.to)}`));
      } catch (err) {
        reportRegistryError(err);
      }
    });
  policy
    .command('set <name>')
    .description('set the policy from a JSON file (role approver)')
    .requiredOption('--to <target>', 'target alias')
    .requiredOption(
      '--file <policy.json>',
      'policy: metrics, environment, lineage, requiredApprovals, ledgerIntegrity',
    )
    .action(async (name: string, flags: { to: string; file: string }) => {
      try {
        const body: unknown = JSON.parse(await readFile(flags.file, 'utf8'));
        printJson(
          await registryClient().request(
            'PUT',
            `/api/provenant/models/${q(name)}/policies/${q(flags.to)}`,
            body,
          ),
        );
      } catch (err) {
        reportRegistryError(err);
      }
    });
}
