import { v7 as uuidv7 } from 'uuid';
import { nowMicros, type Actor, type EventMeta, type ProvRef, type Subject } from '@provenant/contracts';

export interface ProducerIdentity {
  name: string;
  version: string;
  instance: string;
}

export interface MetaInput {
  subject: Subject;
  /** Who caused it; omit for work the service does on its own (the actor is then the service). */
  actor?: Actor;
  used?: ProvRef[];
  generated?: ProvRef[];
  /** The event being handled, when this one is its consequence: correlation and causation follow. */
  causedBy?: Pick<EventMeta, 'eventId' | 'correlationId'>;
  /** For a request: the request's correlation id (defaults to the new event's id). */
  correlationId?: string;
}

/**
 * Builds the uniform `EventMeta` (DESIGN.md §2). Event ids are UUIDv7, so they sort by time,
 * which keeps the idempotency index and the ledger's lookups local.
 */
export class EventMetaFactory {
  constructor(private readonly producer: ProducerIdentity) {}

  create(input: MetaInput): EventMeta {
    const eventId = uuidv7();
    return {
      eventId,
      occurredAt: nowMicros(),
      producer: {
        service: this.producer.name,
        version: this.producer.version,
        instance: this.producer.instance,
      },
      actor: input.actor ?? { principal: this.producer.name, kind: 'service', roles: [] },
      correlationId: input.causedBy?.correlationId ?? input.correlationId ?? eventId,
      causationId: input.causedBy?.eventId ?? null,
      subject: input.subject,
      used: input.used ?? [],
      generated: input.generated ?? [],
    };
  }
}

/** The event's actor for an authenticated principal (HTTP requests). */
export function actorOf(principal: { id: string; roles: string[] }): Actor {
  return {
    principal: principal.id,
    kind: principal.roles.includes('pipeline') ? 'pipeline' : 'user',
    roles: [...principal.roles],
  };
}
