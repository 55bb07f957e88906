import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { EventMap, EventType } from '@provenant/contracts';

/** The one way the registry's model capabilities publish: the outbox, in the caller's transaction. */
@Injectable()
export class ModelEvents {
  readonly metas: EventMetaFactory;

  constructor(
    private readonly outbox: Outbox,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  publish<K extends EventType>(manager: EntityManager, eventType: K, event: EventMap[K]): Promise<void> {
    return this.outbox.publish(manager, eventType, event);
  }
}
