import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventMap, EventType, ProvRef, Subject } from '@provenant/contracts';
import { actorOf, EventMetaFactory, Outbox } from '@provenant/events';
import { SERVICE_IDENTITY, type Principal, type ServiceIdentity } from '@provenant/platform';

type Payload<K extends EventType> = Omit<EventMap[K], 'meta'>;

export interface Occurrence {
  subject: Subject;
  principal: Principal;
  used?: ProvRef[];
  generated?: ProvRef[];
}

/** The tracker's single way to publish: typed events into the outbox, inside the caller's transaction. */
@Injectable()
export class TrackerEvents {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly outbox: Outbox,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  event<K extends EventType>(
    type: K,
    on: Occurrence,
    payload: Payload<K>,
  ): { eventType: K; event: EventMap[K] } {
    const meta = this.metas.create({
      subject: on.subject,
      actor: actorOf(on.principal),
      used: on.used,
      generated: on.generated,
    });
    return { eventType: type, event: { meta, ...payload } as unknown as EventMap[K] };
  }

  async publish(
    manager: EntityManager,
    events: { eventType: EventType; event: EventMap[EventType] }[],
  ): Promise<void> {
    await this.outbox.publishAll(manager, events);
  }
}
