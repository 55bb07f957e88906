import { pollUntil } from '@provenant/sdk';

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** named in the timeout error, e.g. "the consumer to see 10 messages" */
  description?: string;
}

/**
 * Polls until `predicate` returns a truthy value and returns it. A predicate that throws counts as
 * "not yet"; its last error is part of the timeout message, which is what one needs to debug.
 */
export function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutOrOptions: number | WaitForOptions = {},
): Promise<NonNullable<T>> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions } : timeoutOrOptions;
  const { timeoutMs = 10_000, intervalMs = 100, description = 'condition' } = options;
  return pollUntil(`waitFor: ${description}`, predicate, { timeoutMs, intervalMs, retryOn: () => true });
}
