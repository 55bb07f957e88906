import { openLineageWireFormat, receivedEventId } from './openlineage-wire-format';

const event = {
  eventType: 'START' as const,
  eventTime: '2026-01-02T03:04:05.678Z',
  run: { runId: '0192f0a1-7c3e-7d10-9a2b-3c4d5e6f7a8b' },
  job: { namespace: 'airflow', name: 'etl.load' },
  producer: 'https://github.com/apache/airflow',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
};
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe(openLineageWireFormat.name, () => {
  const sut = openLineageWireFormat();

  it('reads a RunEvent with an id that depends only on run, transition and time', () => {
    const decoded = sut.decode(bytes(event));
    expect(decoded.eventType).toBe('OpenLineageRunEvent');
    expect(decoded.value.meta.eventId).toBe(receivedEventId(event));
    expect(sut.decode(bytes({ ...event, producer: 'https://other.example' })).value.meta.eventId).toBe(
      decoded.value.meta.eventId,
    );
    expect(receivedEventId({ ...event, eventType: 'COMPLETE' })).not.toBe(decoded.value.meta.eventId);
    expect(decoded.value.json).toBe(JSON.stringify(event));
  });

  it('refuses bytes that are not JSON as malformed, and non-RunEvents as invalid, naming the field', () => {
    expect(() => sut.decode(bytes('{"eventType": "ST'))).toThrow(
      expect.objectContaining({ reason: 'malformed-event', message: expect.stringMatching(/^not JSON/) }),
    );
    expect(() => sut.decode(bytes({ ...event, run: { runId: 'run-1' } }))).toThrow(
      expect.objectContaining({ reason: 'invalid-event', message: expect.stringMatching(/\/run\/runId/) }),
    );
  });
});
