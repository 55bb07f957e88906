import { EVENT_META_SCHEMA, EventMeta } from '@provenant/contracts';

// Two versions of a made-up event, for schema-evolution tests: v2 adds an optional field (with a
// default, so the change is compatible both ways) and EventMeta is shared, as in real events.

export const thingV1 = {
  type: 'record',
  name: 'provenant.test.ThingHappened',
  fields: [
    { name: 'meta', type: EVENT_META_SCHEMA },
    { name: 'thingId', type: 'string' },
    { name: 'count', type: 'long' },
  ],
};

export const thingV2 = {
  ...thingV1,
  fields: [...thingV1.fields, { name: 'colour', type: ['null', 'string'], default: null }],
};

export interface ThingV1 {
  meta: EventMeta;
  thingId: string;
  count: number;
}

export interface ThingV2 extends ThingV1 {
  colour: string | null;
}

export function sampleMeta(overrides: Partial<EventMeta> = {}): EventMeta {
  return {
    eventId: '019b7a4c-0000-7000-8000-000000000001',
    occurredAt: 1_767_225_600_123_456,
    producer: { service: 'tracker', version: '1.2.3', instance: 'tracker-0' },
    actor: { principal: 'alice', kind: 'user', roles: ['scientist'] },
    correlationId: 'corr-1',
    causationId: null,
    subject: { kind: 'run', id: 'run-1' },
    used: [{ kind: 'dataset', id: 'trips@sha256:ab', digest: 'sha256:ab', role: 'training' }],
    generated: [],
    ...overrides,
  };
}
