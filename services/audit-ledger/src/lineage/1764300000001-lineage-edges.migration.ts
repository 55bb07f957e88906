import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lineage graph as PROV derivations read from EventMeta alone (DESIGN.md §2): for each event,
 * every `used` reference → every `generated` one (or the subject when nothing was generated).
 * Each edge keeps the leaf that asserted it, so a query "as of checkpoint N" filters by leaf index
 * and every edge has an inclusion proof. Append-only like the log it is derived from.
 */
export class LineageEdges1764300000001 implements MigrationInterface {
  name = 'LineageEdges1764300000001';

  async up(qr: QueryRunner): Promise<void> {
    const s = `"${((qr.connection.options as { schema?: string }).schema ?? 'public').replace(/"/g, '')}"`;
    await qr.query(`
      CREATE TABLE ${s}.lineage_edges (
        leaf_index bigint NOT NULL,
        src text NOT NULL,
        dst text NOT NULL,
        role text,
        PRIMARY KEY (leaf_index, src, dst)
      )`);
    await qr.query(`CREATE INDEX lineage_edges_dst ON ${s}.lineage_edges (dst, leaf_index)`);
    await qr.query(`CREATE INDEX lineage_edges_src ON ${s}.lineage_edges (src, leaf_index)`);
    await qr.query(
      `CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${s}.lineage_edges FOR EACH ROW EXECUTE FUNCTION ${s}.ledger_refuse_change()`,
    );
    await qr.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.lineage_edges FROM PUBLIC, CURRENT_USER`);
  }

  async down(): Promise<void> {
    throw new Error('lineage edges are append-only');
  }
}
