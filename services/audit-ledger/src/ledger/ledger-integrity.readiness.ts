import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReadinessCheck } from '@provenant/platform';

/**
 * Not ready while the latest verification found the log tampered with: a ledger that cannot vouch
 * for its own history must not be trusted for proofs. A later clean verification clears it.
 * Reads the schema from the DataSource because PlatformModule instantiates readiness checks.
 */
@Injectable()
export class LedgerIntegrityReadiness implements ReadinessCheck {
  readonly name = 'ledger-integrity';
  constructor(private readonly dataSource: DataSource) {}

  async check() {
    const schema = (this.dataSource.options as { schema?: string }).schema ?? 'public';
    const [last] = await this.dataSource.query(
      `SELECT ok, kind, first_bad_index, detail, verified_at FROM "${schema.replace(/"/g, '')}".ledger_verifications ORDER BY id DESC LIMIT 1`,
    );
    if (!last) return { verified: false };
    if (last.ok) return { verified: true, at: last.verified_at };
    throw new Error(`${last.kind} at leaf ${last.first_bad_index ?? '?'}: ${last.detail}`);
  }
}
