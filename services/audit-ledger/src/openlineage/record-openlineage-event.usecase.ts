import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseRfc3339Micros, provRef, subject, type OpenLineageEventReceived } from '@provenant/contracts';
import { EventMetaFactory, Outbox, type EventContext } from '@provenant/events';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { ReceivedRunEvent } from './openlineage-wire-format';

/**
 * Records an external RunEvent as OpenLineageEventReceived, through the outbox in the transaction
 * that claims its id; the ledger then appends it like any event and LineageRecorder draws its
 * edges: inputs → job → outputs (plus inputs → outputs when one event names both).
 */
@Injectable()
export class RecordOpenLineageEventUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly outbox: Outbox,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(manager: EntityManager, received: ReceivedRunEvent, ctx: EventContext): Promise<void> {
    const { event, json } = received;
    const id = (d: { namespace: string; name: string }) => ({ namespace: d.namespace, name: d.name });
    const inputs = (event.inputs ?? []).map(id);
    const outputs = (event.outputs ?? []).map(id);
    const { namespace, name } = event.job;
    const meta = this.metas.create({
      subject: subject('ol_job', `${namespace}:${name}`),
      actor: { principal: event.producer, kind: 'external', roles: [] },
      used: [
        ...inputs.map((d) => provRef.olDataset(d.namespace, d.name, 'input')),
        provRef.olJob(namespace, name, 'job'),
      ],
      generated: [
        ...outputs.map((d) => provRef.olDataset(d.namespace, d.name)),
        provRef.olJob(namespace, name),
      ],
    });
    const eventId = received.meta.eventId;
    await this.outbox.publish(manager, 'OpenLineageEventReceived', {
      meta: { ...meta, eventId, correlationId: eventId, occurredAt: parseRfc3339Micros(event.eventTime) },
      runId: event.run.runId,
      eventType: event.eventType ?? null,
      eventTime: event.eventTime,
      jobNamespace: namespace,
      jobName: name,
      inputs,
      outputs,
      producer: event.producer,
      schemaURL: event.schemaURL ?? null,
      source: { topic: ctx.topic, partition: ctx.partition, offset: Number(ctx.offset) },
      event: json,
    } satisfies OpenLineageEventReceived);
  }
}
