/** Short, stable reasons carried in the `x-provenant-dlq-reason` header. */
export type DeadLetterReason = 'malformed' | 'unknown-schema' | 'invalid-event' | 'handler-failed';

const PG_INFRA_CODES = /^(08|57P0[1-3]|53300|53400)/;
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when the database, not the event, is the problem: the consumer then waits for PostgreSQL
 * instead of spending the event's retries and dead-lettering a perfectly good message.
 */
export function isInfrastructureError(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code && (PG_INFRA_CODES.test(code) || NET_CODES.has(code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e?.message ?? '',
  );
}

/** Codec errors carry their kind in the name (see codec/); anything else undecodable is malformed. */
export function decodeFailureReason(err: unknown): DeadLetterReason {
  const name = (err as Error)?.name ?? '';
  return /UnknownFingerprint|UnknownSchema/i.test(name) ? 'unknown-schema' : 'malformed';
}
