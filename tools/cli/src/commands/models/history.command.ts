import type { Command } from 'commander';
import { printJson, printTable } from '../../output';
import type { PromotionAnswer } from './promotion-output';
import { q, registryClient, reportRegistryError } from './registry-client';

/** `models history NAME`: every promotion of a model, who asked, when, and how each gate went. */
export function registerHistoryCommand(models: Command): void {
  models
    .command('history <name>')
    .description('promotion history of a model: who, when, decision and failed gates')
    .option('--version-number <n>', 'only this model version')
    .option('--json', 'print the full history (every gate and approval) as JSON')
    .action(async (name: string, flags: { versionNumber?: string; json?: boolean }) => {
      try {
        const query = flags.versionNumber ? `?version=${q(flags.versionNumber)}` : '';
        const answer = await registryClient().get<{ promotions: PromotionAnswer[] }>(
          `/api/provenant/models/${q(name)}/promotions${query}`,
        );
        if (flags.json) return printJson(answer);
        printTable(
          ['requested', 'by', 'version', 'target', 'decision', 'approvals', 'failed gates'],
          answer.promotions.map((p) => [
            p.requested_at,
            p.requested_by,
            p.version,
            p.target,
            p.decision,
            p.approvals.map((a) => a.principal).join(', ') || '-',
            p.gates
              .filter((g) => !g.passed)
              .map((g) => g.name)
              .join(', ') || '-',
          ]),
        );
      } catch (err) {
        reportRegistryError(err);
      }
    });
}
