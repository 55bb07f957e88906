import { MalformedEventHeadersError } from './codec-errors';
import { buildEventHeaders, eventTypeOfCeType, kafkaKeyOf, parseEventHeaders } from './cloud-event-headers';
import { sampleMeta } from './testing/versioned-schemas.fixture';

describe(buildEventHeaders.name, () => {
  const meta = sampleMeta({ occurredAt: 1_767_225_600_000_007 });
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('writes the CloudEvents binary-mode headers', () => {
    expect(buildEventHeaders('RunStarted', meta, { traceparent, tracestate: 'vendor=x' })).toEqual({
      ce_specversion: '1.0',
      ce_id: meta.eventId,
      ce_source: '/provenant/tracker',
      ce_type: 'io.provenant.runs.RunStarted.v1',
      ce_time: '2026-01-01T00:00:00.000007Z',
      ce_subject: 'run:run-1',
      'content-type': 'application/avro',
      traceparent,
      tracestate: 'vendor=x',
    });
  });

  it('round-trips through Kafka-style Buffer headers', () => {
    const asKafka = Object.fromEntries(
      Object.entries(buildEventHeaders('FeatureRowBatch', meta, { traceparent })).map(([key, value]) => [
        key,
        Buffer.from(value),
      ]),
    );
    const parsed = parseEventHeaders(asKafka);
    expect(parsed).toMatchObject({
      id: meta.eventId,
      type: 'io.provenant.feature-rows.FeatureRowBatch.v1',
      eventType: 'FeatureRowBatch',
      timeMicros: 1_767_225_600_000_007,
      subject: 'run:run-1',
      contentType: 'application/avro',
      traceparent,
    });
  });

  it('names a missing header', () => {
    const headers = buildEventHeaders('RunStarted', meta);
    delete headers.ce_id;
    expect(() => parseEventHeaders(headers)).toThrow(MalformedEventHeadersError);
    expect(() => parseEventHeaders(headers)).toThrow('Kafka header ce_id: missing');
  });

  it('names a malformed time', () => {
    expect(() =>
      parseEventHeaders({ ...buildEventHeaders('RunStarted', meta), ce_time: 'yesterday' }),
    ).toThrow('Kafka header ce_time: not an RFC 3339 timestamp: yesterday');
  });

  it('drops a malformed traceparent and its tracestate, as W3C Trace Context says', () => {
    const parsed = parseEventHeaders(
      buildEventHeaders('RunStarted', meta, { traceparent: 'nonsense', tracestate: 'a=b' }),
    );
    expect(parsed.traceparent).toBeUndefined();
    expect(parsed.tracestate).toBeUndefined();
  });

  it('maps ce_type back to the event type, and not unknown ones', () => {
    expect(eventTypeOfCeType('io.provenant.ledger.LedgerCheckpointSigned.v1')).toBe('LedgerCheckpointSigned');
    expect(eventTypeOfCeType('io.provenant.ledger.Unheard.v1')).toBeUndefined();
  });

  it('keys messages by subject id', () => {
    expect(kafkaKeyOf(meta)).toBe('run-1');
  });
});
