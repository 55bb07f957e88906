import { EventCodecError, type EventCodecErrorReason } from '../codec/codec-errors';

/**
 * Short, stable reasons carried in the `x-provenant-dlq-reason` header: the codec's reasons
 * (`malformed-event`, `unknown-fingerprint`, `incompatible-schema`, `invalid-event`, …) or
 * `handler-failed` when the handler still threw after its retries.
 */
export type DeadLetterReason = EventCodecErrorReason | 'handler-failed';

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

/** Codec errors carry a stable reason; anything else undecodable counts as malformed. */
export function decodeFailureReason(err: unknown): DeadLetterReason {
  return err instanceof EventCodecError ? err.reason : 'malformed-event';
}
