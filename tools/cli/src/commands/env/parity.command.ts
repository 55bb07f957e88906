import type { Command } from 'commander';
import { ExitCode, printJson, printTable } from '../../output';
import { envVerifierClient, short } from './env-client';

interface ParityMatrix {
  targets: { name: string; fingerprint: string | null; capturedAt: string | null }[];
  cells: {
    environment: string;
    reference: string;
    verdict: string | null;
    blocking: number;
    tolerated: number;
    reasons: string[];
  }[];
}

export function registerParityCommand(env: Command): void {
  env
    .command('parity')
    .description(
      'parity matrix of the targets: each row judged against each column under the column’s policy; exit 1 on drift',
    )
    .option('--targets <names>', 'comma-separated targets', 'dev,staging,production')
    .option('--json', 'print the matrix as JSON')
    .action(async (flags: { targets: string; json?: boolean }) => {
      const matrix = await envVerifierClient().get<ParityMatrix>(
        `/environments/parity?targets=${encodeURIComponent(flags.targets)}`,
      );
      process.exitCode = matrix.cells.some((c) => c.verdict === 'DRIFTED') ? ExitCode.failed : ExitCode.ok;
      if (flags.json) return printJson(matrix);
      const names = matrix.targets.map((t) => t.name);
      const label = (row: string, col: string) => {
        if (row === col) return '—';
        const c = matrix.cells.find((x) => x.environment === row && x.reference === col)!;
        if (c.verdict === null) return 'not captured';
        return c.verdict === 'IDENTICAL'
          ? 'identical'
          : `${c.verdict.toLowerCase()} (${c.blocking} blocking, ${c.tolerated} tolerated)`;
      };
      printTable(
        ['environment \\ against', ...names],
        names.map((row) => [row, ...names.map((col) => label(row, col))]),
      );
      for (const t of matrix.targets)
        process.stdout.write(
          `${t.name.padEnd(12)} ${t.fingerprint ?? 'not captured'}${t.capturedAt ? `  (${t.capturedAt})` : ''}\n`,
        );
      const reasons = matrix.cells.filter((c) => c.reasons.length > 0);
      for (const c of reasons)
        process.stdout.write(
          `${c.environment} vs ${c.reference}: ${c.reasons.map((r) => r.replace(/sha256:([0-9a-f]{12})[0-9a-f]+/g, (_, h: string) => short(`sha256:${h}`))).join('; ')}\n`,
        );
    });
}
