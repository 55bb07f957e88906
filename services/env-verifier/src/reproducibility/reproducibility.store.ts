import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReproducibilityDifference } from '@provenant/contracts';
import { APP_CONFIG } from '@provenant/platform';
import type { EnvVerifierConfig } from '../config';
import type { CheckRequest } from './run-description';

export interface StoredCheck {
  checkId: string;
  verdict: string;
  differences: ReproducibilityDifference[];
  request: CheckRequest;
  statement: Record<string, unknown> | null;
  provenanceDigest: string | null;
}

@Injectable()
export class ReproducibilityStore {
  private readonly table: string;

  constructor(@Inject(APP_CONFIG) config: EnvVerifierConfig) {
    this.table = `"${config.DATABASE_SCHEMA.replace(/"/g, '')}".reproducibility_checks`;
  }

  async insert(m: EntityManager, c: StoredCheck): Promise<void> {
    await m.query(
      `INSERT INTO ${this.table} (check_id, baseline_run_id, candidate_run_id, verdict, differences, request, statement, provenance_digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        c.checkId,
        c.request.baseline.runId,
        c.request.candidate.runId,
        c.verdict,
        JSON.stringify(c.differences),
        JSON.stringify(c.request),
        c.statement === null ? null : JSON.stringify(c.statement),
        c.provenanceDigest,
      ],
    );
  }

  async find(m: EntityManager, checkId: string): Promise<(StoredCheck & { createdAt: string }) | null> {
    const rows = await m.query(
      `SELECT check_id AS "checkId", verdict, differences, request, statement, provenance_digest AS "provenanceDigest",
         created_at AS "createdAt" FROM ${this.table} WHERE check_id = $1`,
      [checkId],
    );
    return rows[0] ?? null;
  }
}
