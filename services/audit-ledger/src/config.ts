import { z } from 'zod';
import { httpServiceConfigSchema } from '@provenant/platform';

/** Every variable audit-ledger reads; parsed once at boot (see docs/configuration.md). */
export const auditLedgerConfigSchema = httpServiceConfigSchema({ port: 7106, schema: 'audit_ledger' });

export type AuditLedgerConfig = z.infer<typeof auditLedgerConfigSchema>;
