import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

const base64Seed = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(s), {
    message: 'expected the base64 of a 32-byte Ed25519 seed (e.g. `openssl rand -base64 32`)',
  });

/** Every variable audit-ledger reads; parsed once at boot (see docs/configuration.md, docs/ledger.md). */
export const auditLedgerConfigSchema = httpServiceConfigSchema({ port: 7106, schema: 'audit_ledger' }).extend(
  {
    /** The log's name: first line of every checkpoint, and the signing key's name by default. */
    LEDGER_ORIGIN: z
      .string()
      .regex(/^[^\s+]+$/, 'expected one word without spaces or "+"')
      .default('provenant.local/audit-ledger'),
    /** Ed25519 seed; when unset, one is generated into the database on first start. Never logged. */
    LEDGER_SIGNING_KEY: base64Seed.optional(),
    /** Sign a checkpoint once this many events are appended past the last one… */
    LEDGER_CHECKPOINT_EVERY: z.coerce.number().int().min(1).default(1000),
    /** …or this often, whichever comes first (only when the tree grew). */
    LEDGER_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
    /** Full re-verification of the stored tree in the background; 0 turns it off. */
    LEDGER_VERIFY_INTERVAL_MS: z.coerce.number().int().min(0).default(600_000),
    /** Consume the domain topics (off only for tools that serve a read-only copy). */
    LEDGER_CONSUME: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * `on`: `GET /ledger/proofs/inclusion` is answered ahead of Express and Nest's pipeline (auth,
     * validation, metrics and the trace span kept; no access log line); `off`: through Nest.
     */
    LEDGER_FAST_PATH: z.enum(['on', 'off']).default('on'),
    /**
     * Topic (prefixed like every topic) of external OpenLineage RunEvents to record; empty turns
     * the consumer off (docs/ledger.md, OpenLineage).
     */
    LEDGER_OPENLINEAGE_TOPIC: z.string().default('openlineage.events'),
    /** Job and dataset namespace of the OpenLineage events the ledger exports. */
    LEDGER_OPENLINEAGE_NAMESPACE: z.string().min(1).default('provenant'),
    /** `producer` URI of the OpenLineage events the ledger exports. */
    LEDGER_OPENLINEAGE_PRODUCER: z
      .string()
      .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'expected an absolute URI')
      .default('urn:provenant:audit-ledger'),
  },
);

export type AuditLedgerConfig = z.infer<typeof auditLedgerConfigSchema>;
