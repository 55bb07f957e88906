import type { Command } from 'commander';
import { HttpClient, ServiceError, serviceUrl } from '@provenant/sdk';
import { ExitCode } from '../../output';

export interface LedgerHttpOptions {
  url?: string;
  token?: string;
}

/** `--url` / `--token`, defaulting to PROVENANT_AUDIT_LEDGER_URL and PROVENANT_TOKEN. */
export function withLedgerOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'audit-ledger URL (default: PROVENANT_AUDIT_LEDGER_URL or http://127.0.0.1:7106)')
    .option(
      '--token <token>',
      'bearer token with the auditor role (default: PROVENANT_TOKEN or the dev auditor token)',
    );
}

/**
 * The audit-ledger as `PROVENANT_TOKEN` (default: the development auditor token, accepted only
 * outside production).
 */
export function ledgerHttp(opts: LedgerHttpOptions, env: NodeJS.ProcessEnv = process.env): HttpClient {
  return new HttpClient({
    baseUrl: (opts.url ?? serviceUrl('audit-ledger', env)).replace(/\/$/, ''),
    token: opts.token ?? env.PROVENANT_TOKEN ?? 'dev-auditor-token',
    retries: 1,
    timeoutMs: 60_000,
  });
}

/** Runs a command body; a refused request prints the ledger's message and sets the exit code. */
export async function reportingLedgerErrors(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    const b = err.body as { message?: unknown } | string;
    const message =
      typeof b === 'string' ? b : Array.isArray(b.message) ? b.message.join('\n') : String(b.message);
    process.stderr.write(`audit-ledger answered ${err.status}: ${message}\n`);
    process.exitCode = err.status >= 500 ? ExitCode.unavailable : ExitCode.failed;
  }
}
