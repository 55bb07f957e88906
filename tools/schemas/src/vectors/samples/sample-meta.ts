import type { EventMeta, ProvRef, Subject } from '@provenant/contracts';

// Fixed inputs for the golden vectors: nothing here may depend on the clock or randomness, so the
// vectors only change when a schema or a sample does.

/** 2026-01-01T00:00:00.123456Z: microseconds matter, so the sample times have them. */
export const T0 = 1_767_225_600_123_456;

/** A deterministic `sha256:<hex>` digest for a label. */
export function digest(label: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++)
    hex += ((label.charCodeAt(i % label.length) * 31 + i * 7) % 256).toString(16).padStart(2, '0');
  return `sha256:${hex.slice(0, 64)}`;
}

/** A deterministic UUID (version 7 layout) for a sequence number. */
export function uuid(sequence: number): string {
  const hex = sequence.toString(16).padStart(12, '0');
  return `019b7a4c-0000-7000-8000-${hex}`;
}

export interface SampleMetaInput {
  readonly sequence: number;
  readonly service: string;
  readonly subject: Subject;
  readonly used?: ProvRef[];
  readonly generated?: ProvRef[];
  readonly principal?: string;
  readonly roles?: string[];
  readonly causedBy?: number;
}

export function sampleMeta(input: SampleMetaInput): EventMeta {
  const pipeline = input.service === 'sdk';
  return {
    eventId: uuid(input.sequence),
    occurredAt: T0 + input.sequence * 1_000_001,
    producer: { service: input.service, version: '0.1.0', instance: `${input.service}-0` },
    actor: {
      principal: input.principal ?? (pipeline ? 'ci-pipeline' : 'alice'),
      kind: pipeline ? 'pipeline' : 'user',
      roles: input.roles ?? (pipeline ? ['pipeline'] : ['scientist']),
    },
    correlationId: uuid(1000),
    causationId: input.causedBy === undefined ? null : uuid(input.causedBy),
    subject: input.subject,
    used: input.used ?? [],
    generated: input.generated ?? [],
  };
}
