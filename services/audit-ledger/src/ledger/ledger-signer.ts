import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { noteSignerFromSeed, type NoteSigner } from '@provenant/merkle';
import type { LedgerTables } from './ledger-tables';

/** The checkpoint signer, provided under this token once its key is loaded. */
export const LEDGER_SIGNER = Symbol('LEDGER_SIGNER');

/**
 * The Ed25519 key that signs checkpoints: LEDGER_SIGNING_KEY when set, otherwise one generated on
 * first start and kept in `ledger_signing_keys` (append-only; concurrent first starts agree on the
 * row that won the insert). Either way the seed is never logged; the public key is public.
 */
export async function loadLedgerSigner(
  dataSource: DataSource,
  t: LedgerTables,
  origin: string,
  configuredSeed: string | undefined,
): Promise<NoteSigner> {
  if (configuredSeed) return noteSignerFromSeed(origin, Buffer.from(configuredSeed, 'base64'));
  await dataSource.query(
    `INSERT INTO ${t.signingKeys} (key_name, seed) VALUES ($1, $2) ON CONFLICT (key_name) DO NOTHING`,
    [origin, randomBytes(32)],
  );
  const [row] = await dataSource.query(`SELECT seed FROM ${t.signingKeys} WHERE key_name = $1`, [origin]);
  return noteSignerFromSeed(origin, row.seed);
}
