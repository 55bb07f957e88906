import { Inject, Injectable } from '@nestjs/common';
import { formatProvRef, type EventMeta } from '@provenant/contracts';
import type { LedgerTables, Sql } from '../ledger/ledger-tables';
import { LEDGER_TABLES } from '../ledger/ledger.tokens';

/**
 * Turns each appended event's PROV references into graph edges, in the append's transaction, so
 * a new event type joins the graph with no change here.
 */
@Injectable()
export class LineageRecorder {
  constructor(@Inject(LEDGER_TABLES) private readonly t: LedgerTables) {}

  async record(sql: Sql, appended: { leafIndex: number; meta: EventMeta }[]): Promise<void> {
    const leaf: number[] = [];
    const src: string[] = [];
    const dst: string[] = [];
    const role: (string | null)[] = [];
    for (const { leafIndex, meta } of appended) {
      const targets =
        meta.generated.length > 0 ? meta.generated.map(formatProvRef) : [formatProvRef(meta.subject)];
      const seen = new Set<string>();
      for (const used of meta.used) {
        const from = formatProvRef(used);
        for (const to of targets) {
          const key = `${from}\n${to}`;
          if (from === to || seen.has(key)) continue;
          seen.add(key);
          leaf.push(leafIndex);
          src.push(from);
          dst.push(to);
          role.push(used.role ?? null);
        }
      }
    }
    if (leaf.length === 0) return;
    await sql.query(
      `INSERT INTO ${this.t.edges} (leaf_index, src, dst, role) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`,
      [leaf, src, dst, role],
    );
  }
}
