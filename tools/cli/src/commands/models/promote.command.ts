import type { Command } from 'commander';
import { ExitCode, printJson } from '../../output';
import { exitCodeOf, printPromotion, type PromotionAnswer } from './promotion-output';
import { q, registryClient, reportRegistryError } from './registry-client';

interface Flags {
  to: string;
  reason?: string;
  comment?: string;
  json?: boolean;
}

const versionArg = (text: string) => {
  if (!/^[1-9]\d*$/.test(text)) {
    process.stderr.write(`VERSION must be a positive integer, got ${JSON.stringify(text)}\n`);
    process.exit(ExitCode.usage);
  }
  return text;
};

async function show(work: () => Promise<PromotionAnswer>, json: boolean | undefined): Promise<void> {
  try {
    const p = await work();
    if (json) printJson(p);
    else printPromotion(p);
    process.exitCode = exitCodeOf(p);
  } catch (err) {
    reportRegistryError(err);
  }
}

/** `models promote` and `models approve`: governed promotion from a terminal or CI. */
export function registerPromoteCommands(models: Command): void {
  models
    .command('promote <name> <version>')
    .description(
      'request a promotion; prints every gate and why (exit 0 promoted, 1 rejected, 3 awaiting approval)',
    )
    .requiredOption('--to <target>', 'target alias, e.g. staging or production')
    .option('--reason <text>', 'why, recorded in the promotion history')
    .option('--json', 'print the decision as JSON')
    .action((name: string, version: string, flags: Flags) =>
      show(
        () =>
          registryClient().post<PromotionAnswer>(
            `/api/provenant/models/${q(name)}/versions/${versionArg(version)}/promotions`,
            {
              target: flags.to,
              reason: flags.reason ?? null,
            },
          ),
        flags.json,
      ),
    );

  models
    .command('approve <name> <version>')
    .description('approve the promotion awaiting approval (role approver); the gates are evaluated again')
    .requiredOption('--to <target>', 'target alias of the promotion')
    .option('--comment <text>', 'recorded with the approval')
    .option('--json', 'print the decision as JSON')
    .action((name: string, version: string, flags: Flags) =>
      show(
        () =>
          registryClient().post<PromotionAnswer>(
            `/api/provenant/models/${q(name)}/versions/${versionArg(version)}/approvals`,
            {
              target: flags.to,
              comment: flags.comment ?? null,
            },
          ),
        flags.json,
      ),
    );
}
