/** Schema-qualified table names of the ledger, for raw SQL (the hot paths use unnest, not an ORM). */
export interface LedgerTables {
  leaves: string;
  nodes: string;
  checkpoints: string;
  signingKeys: string;
  verifications: string;
  edges: string;
}

export function ledgerTables(schema: string): LedgerTables {
  const s = `"${schema.replace(/"/g, '')}"`;
  return {
    leaves: `${s}.ledger_leaves`,
    nodes: `${s}.ledger_nodes`,
    checkpoints: `${s}.ledger_checkpoints`,
    signingKeys: `${s}.ledger_signing_keys`,
    verifications: `${s}.ledger_verifications`,
    edges: `${s}.lineage_edges`,
  };
}

/** Advisory lock keys: one writer appends at a time across instances; one signs at a time. */
export const APPEND_LOCK = 7_106_001;
export const CHECKPOINT_LOCK = 7_106_002;

/** Anything that runs SQL: the DataSource, or the EntityManager of a transaction. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<any>;
}
