export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /**
   * Which errors mean "not yet" rather than "stop": e.g. a 404 before an event has been
   * projected. By default every error stops the wait at once.
   */
  retryOn?: (error: unknown) => boolean;
}

/**
 * Polls until `probe` returns a truthy value and returns it. Services learn from one another
 * through Kafka, so a client that has just caused an event waits this way for its effect.
 * On timeout the error says `what` was awaited (a function may describe the last state seen)
 * and the last "not yet" error.
 */
export async function pollUntil<T>(
  what: string | (() => string),
  probe: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 250, retryOn = () => false }: PollOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      if (!retryOn(error)) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: last error: ${lastError.message}` : '';
      const description = typeof what === 'function' ? what() : what;
      throw new Error(`${description} not met within ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** For `retryOn`: the service answered with one of these HTTP statuses. */
export const statusIn =
  (...statuses: number[]) =>
  (error: unknown) =>
    statuses.includes((error as { status?: number }).status ?? -1);
