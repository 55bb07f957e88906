import type { EntityManager } from 'typeorm';

/** What a handler receives besides the event: the transaction its effect must use, and provenance. */
export interface EventContext {
  eventType: string;
  /** The transaction in which the event id is recorded; effects written through it happen once. */
  manager: EntityManager;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** The single-object-encoded bytes as received (the ledger stores them). */
  raw: Buffer;
}

export type EventHandlerFn = (event: any, ctx: EventContext) => Promise<void>;

/**
 * A handler that takes a run of consecutive events in one call, in the transaction that records
 * their ids, so it can write all their effects in one statement (the ledger's appends, the
 * materializer's writes). Order within the run is the partition's order.
 */
export interface EventBatchHandler {
  readonly batch: (events: { event: any; ctx: EventContext }[]) => Promise<void>;
}

export type EventHandler = EventHandlerFn | EventBatchHandler;

/** Pattern for a handler that receives every event type without its own handler (the ledger). */
export const ANY_EVENT = '*';
