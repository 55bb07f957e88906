import { EventMap } from '@provenant/contracts';
import {
  IncompatibleWriterSchemaError,
  InvalidEventError,
  MalformedEventError,
  UnknownEventTypeError,
  UnknownFingerprintError,
} from './codec-errors';
import { EventCodec } from './event-codec';
import { fingerprintOfCanonicalForm } from './schema-fingerprint';
import { sampleMeta, thingV1, thingV2, ThingV1, ThingV2 } from './testing/versioned-schemas.fixture';

type V1 = { ThingHappened: ThingV1 };
type V2 = { ThingHappened: ThingV2 };

describe(EventCodec.name, () => {
  const sut = EventCodec.fromContracts();
  const runTagsSet: EventMap['RunTagsSet'] = {
    meta: sampleMeta(),
    runId: 'run-1',
    tags: [{ key: 'k', value: 'v' }],
    deletedKeys: [],
  };

  it('round-trips an event with the single-object header C3 01 + fingerprint', () => {
    const bytes = sut.encode('RunTagsSet', runTagsSet);

    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xc3, 0x01]));
    expect(bytes.toString('hex', 2, 10)).toBe(sut.fingerprintOf('RunTagsSet'));
    const decoded = sut.decode(bytes);
    expect(decoded.eventType).toBe('RunTagsSet');
    expect(decoded.writerFingerprint).toBe(sut.fingerprintOf('RunTagsSet'));
    expect(decoded.value).toEqual(runTagsSet);
  });

  it('publishes its writer schema in the canonical form the fingerprint covers', () => {
    const schema = sut.writerSchemaJson('RunTagsSet');
    expect(fingerprintOfCanonicalForm(schema).hex).toBe(sut.fingerprintOf('RunTagsSet'));
    const learner = new EventCodec<V1>({ readers: { ThingHappened: thingV1 } });
    expect(learner.isKnownFingerprint(sut.fingerprintOf('RunTagsSet'))).toBe(false);
  });

  it('keeps microsecond timestamps exact', () => {
    const meta = sampleMeta({ occurredAt: 1_767_225_600_123_457 });
    const decoded = sut.decode(sut.encode('RunTagsSet', { ...runTagsSet, meta }));
    expect((decoded.value as EventMap['RunTagsSet']).meta.occurredAt).toBe(1_767_225_600_123_457);
  });

  it.each([
    ['garbage', Buffer.from('not avro at all'), /bad magic 6E6F/],
    ['a short header', Buffer.from([0xc3, 0x01, 0x00]), /3 bytes, fewer than the 10-byte/],
  ])('rejects %s as malformed', (_what, bytes, message) => {
    expect(() => sut.decode(bytes)).toThrow(MalformedEventError);
    expect(() => sut.decode(bytes)).toThrow(message);
  });

  it('rejects a truncated datum and trailing bytes as malformed', () => {
    const bytes = sut.encode('RunTagsSet', runTagsSet);
    expect(() => sut.decode(bytes.subarray(0, bytes.length - 3))).toThrow(/RunTagsSet datum is truncated/);
    expect(() => sut.decode(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(
      /1 trailing bytes after the RunTagsSet datum/,
    );
  });

  it('names the unknown fingerprint', () => {
    const bytes = Buffer.from('c301' + '0102030405060708' + '00', 'hex');
    expect(() => sut.decode(bytes)).toThrow(UnknownFingerprintError);
    expect(() => sut.decode(bytes)).toThrow(/fingerprint 0102030405060708/);
  });

  it('names the invalid field when encoding', () => {
    const bad = { ...runTagsSet, meta: { ...runTagsSet.meta, subject: { kind: 'run', id: 42 } } };
    expect(() => sut.encode('RunTagsSet', bad as never)).toThrow(InvalidEventError);
    expect(() => sut.encode('RunTagsSet', bad as never)).toThrow(/meta\.subject\.id: 42 is not string/);
  });

  it('refuses an unknown event type', () => {
    expect(() => sut.encode('Nope' as never, {} as never)).toThrow(UnknownEventTypeError);
  });

  describe('schema evolution', () => {
    const v1Only = new EventCodec<V1>({ readers: { ThingHappened: thingV1 } });
    const v2Only = new EventCodec<V2>({ readers: { ThingHappened: thingV2 } });
    const oldEvent: ThingV1 = { meta: sampleMeta(), thingId: 't-1', count: 3 };
    const newEvent: ThingV2 = { ...oldEvent, colour: 'red' };

    it('reads an old writer with a new reader, filling the default', () => {
      const newReader = new EventCodec<V2>({
        readers: { ThingHappened: thingV2 },
        writers: [{ eventType: 'ThingHappened', schema: thingV1 }],
      });
      const decoded = newReader.decode(v1Only.encode('ThingHappened', oldEvent));
      expect(decoded.value).toEqual({ ...oldEvent, colour: null });
      expect(decoded.writerFingerprint).toBe(v1Only.fingerprintOf('ThingHappened'));
    });

    it('reads a new writer with an old reader once it knows the writer schema, dropping the new field', () => {
      const oldReader = new EventCodec<V1>({ readers: { ThingHappened: thingV1 } });
      const bytes = v2Only.encode('ThingHappened', newEvent);
      expect(() => oldReader.decode(bytes)).toThrow(UnknownFingerprintError);

      oldReader.registerWriterSchema('ThingHappened', thingV2);
      expect(oldReader.decode(bytes).value).toEqual(oldEvent);
    });

    it('reads EventMeta of an unknown newer writer as a prefix of the datum', () => {
      const decoded = v1Only.decodeMeta(v2Only.encode('ThingHappened', newEvent));
      expect(decoded).toEqual({
        eventType: undefined,
        meta: sampleMeta(),
        writerFingerprint: v2Only.fingerprintOf('ThingHappened'),
      });
    });

    it('reports a known but incompatible writer schema', () => {
      const renamed = { ...thingV1, fields: [thingV1.fields[0], { name: 'count', type: 'string' }] };
      const codec = new EventCodec<V1>({
        readers: { ThingHappened: thingV1 },
        writers: [{ eventType: 'ThingHappened', schema: renamed }],
      });
      const writer = new EventCodec<{ ThingHappened: unknown }>({ readers: { ThingHappened: renamed } });
      const bytes = writer.encode('ThingHappened', { meta: sampleMeta(), count: 'x' });
      expect(() => codec.decode(bytes)).toThrow(IncompatibleWriterSchemaError);
      expect(codec.decodeMeta(bytes).meta).toEqual(sampleMeta());
    });
  });
});
