import * as avro from 'avsc';
import { EVENT_META_SCHEMA, EVENT_SCHEMAS, EventMap, EventMeta, WRITER_SCHEMAS } from '@provenant/contracts';
import { asciiFastPathStrings } from './ascii-string.type';
import { InvalidEventError, MalformedEventError, UnknownEventTypeError } from './codec-errors';
import { schemaFingerprint } from './schema-fingerprint';
import { assertSingleObjectHeader, SINGLE_OBJECT_HEADER_LENGTH } from './single-object-frame';
import { ReaderSchema, WriterSchemaRegistry } from './writer-schema-registry';

type SchemaJson = object | string;

/** Schemas a codec knows: the current (reader) schema per event type, and older writer schemas. */
export interface EventCodecSchemas {
  readonly readers: Readonly<Record<string, SchemaJson>>;
  readonly writers?: ReadonlyArray<{ readonly eventType: string; readonly schema: SchemaJson }>;
  /** EventMeta alone; by default taken from the first reader's `meta` field. */
  readonly eventMeta?: SchemaJson;
}

export type DecodedEvent<TMap> = {
  [K in keyof TMap & string]: {
    readonly eventType: K;
    readonly value: TMap[K];
    readonly writerFingerprint: string;
  };
}[keyof TMap & string];

export interface DecodedMeta {
  /** Undefined when the writer schema is unknown: the metadata was read as a prefix of the datum. */
  readonly eventType: string | undefined;
  readonly meta: EventMeta;
  readonly writerFingerprint: string;
}

const parse = (schema: SchemaJson): avro.Type =>
  avro.Type.forSchema((typeof schema === 'string' ? JSON.parse(schema) : schema) as avro.Schema, {
    typeHook: asciiFastPathStrings,
  });

/**
 * Encodes and decodes events as Avro single-object encoding (Avro spec, "Single object encoding").
 * Decoding finds the writer schema by fingerprint and resolves it to the current schema, so old
 * and new producers and consumers interoperate as long as the schemas stay compatible.
 */
export class EventCodec<TMap extends object = EventMap> {
  private readonly readers = new Map<string, ReaderSchema>();
  private readonly writers = new WriterSchemaRegistry();
  private readonly metaType: avro.Type;
  private scratch = Buffer.allocUnsafe(16 * 1024);

  /** A codec for every event in @provenant/contracts, knowing every historical writer schema. */
  static fromContracts(): EventCodec<EventMap> {
    return new EventCodec<EventMap>({
      readers: EVENT_SCHEMAS,
      writers: WRITER_SCHEMAS.map((writer) => ({
        eventType: writer.eventType,
        schema: writer.canonicalForm,
      })),
      eventMeta: EVENT_META_SCHEMA,
    });
  }

  constructor(schemas: EventCodecSchemas) {
    for (const [eventType, schema] of Object.entries(schemas.readers)) {
      const type = parse(schema);
      const reader = { eventType, type, fingerprint: schemaFingerprint(type) };
      this.readers.set(eventType, reader);
      this.writers.add(reader, type);
    }
    for (const writer of schemas.writers ?? []) {
      const reader = this.readers.get(writer.eventType);
      if (reader) this.writers.add(reader, parse(writer.schema));
    }
    const first = [...this.readers.values()][0];
    this.metaType = schemas.eventMeta
      ? parse(schemas.eventMeta)
      : (first.type as avro.types.RecordType).fields[0].type;
  }

  get eventTypes(): string[] {
    return [...this.readers.keys()];
  }

  /** Current fingerprint of an event type, little-endian hex as in the message header. */
  fingerprintOf(eventType: keyof TMap & string): string {
    return this.readerOf(eventType).fingerprint.hex;
  }

  /** The schema this codec encodes an event type with, fully resolved (what the fingerprint covers). */
  writerSchemaJson(eventType: keyof TMap & string): string {
    return JSON.stringify(this.readerOf(eventType).type.schema());
  }

  isKnownFingerprint(fingerprintHex: string): boolean {
    return this.writers.has(fingerprintHex);
  }

  /** Teaches the codec another writer schema of a known event type, e.g. one fetched at run time. */
  registerWriterSchema(eventType: keyof TMap & string, schema: SchemaJson): string {
    return this.writers.add(this.readerOf(eventType), parse(schema)).fingerprint.hex;
  }

  encode<K extends keyof TMap & string>(eventType: K, value: TMap[K]): Buffer {
    const reader = this.readerOf(eventType);
    let end: number;
    try {
      end = this.writeFrame(reader, value);
    } catch {
      throw new InvalidEventError(eventType, describeInvalid(reader.type, value));
    }
    const message = Buffer.allocUnsafe(end);
    this.scratch.copy(message, 0, 0, end);
    return message;
  }

  decode(message: Buffer): DecodedEvent<TMap> {
    assertSingleObjectHeader(message);
    const writer = this.writers.require(message);
    const value = readDatum(writer.reader.type, message, writer.resolver, writer.eventType, true);
    return {
      eventType: writer.eventType,
      value,
      writerFingerprint: writer.fingerprint.hex,
    } as DecodedEvent<TMap>;
  }

  /**
   * The EventMeta of any event, even one whose schema is unknown: meta is the first field of every
   * event and EventMeta only ever grows at its end, so an unknown (newer) writer's datum starts
   * with an EventMeta this codec can read as a prefix.
   */
  decodeMeta(message: Buffer): DecodedMeta {
    assertSingleObjectHeader(message);
    const writerFingerprint = message.toString('hex', 2, SINGLE_OBJECT_HEADER_LENGTH);
    const writer = this.writers.find(message);
    if (writer === undefined || writer.incompatibility !== undefined) {
      const meta = readDatum(this.metaType, message, undefined, 'EventMeta', false) as EventMeta;
      return { eventType: undefined, meta, writerFingerprint };
    }
    const value = readDatum(writer.reader.type, message, writer.resolver, writer.eventType, true) as {
      meta: EventMeta;
    };
    return { eventType: writer.eventType, meta: value.meta, writerFingerprint };
  }

  private readerOf(eventType: string): ReaderSchema {
    const reader = this.readers.get(eventType);
    if (reader === undefined) throw new UnknownEventTypeError(eventType);
    return reader;
  }

  private writeFrame(reader: ReaderSchema, value: unknown): number {
    for (;;) {
      this.scratch[0] = 0xc3;
      this.scratch[1] = 0x01;
      reader.fingerprint.bytes.copy(this.scratch, 2);
      const end = reader.type.encode(value, this.scratch, SINGLE_OBJECT_HEADER_LENGTH);
      if (end >= 0) return end;
      // avsc returns minus the missing byte count when the buffer is too small.
      this.scratch = Buffer.allocUnsafe(Math.max(2 * this.scratch.length, this.scratch.length - end));
    }
  }
}

function readDatum(
  type: avro.Type,
  message: Buffer,
  resolver: avro.Resolver | undefined,
  what: string,
  whole: boolean,
): unknown {
  let result: { value: unknown; offset: number };
  try {
    result = type.decode(message, SINGLE_OBJECT_HEADER_LENGTH, resolver);
  } catch (error) {
    throw new MalformedEventError(`${what} datum does not decode: ${(error as Error).message}`);
  }
  if (result.offset < 0)
    throw new MalformedEventError(`${what} datum is truncated (${message.length} bytes in all)`);
  if (whole && result.offset !== message.length) {
    throw new MalformedEventError(`${message.length - result.offset} trailing bytes after the ${what} datum`);
  }
  return result.value;
}

function describeInvalid(type: avro.Type, value: unknown): string[] {
  const problems: string[] = [];
  type.isValid(value, {
    errorHook: (path, any, invalidType) =>
      problems.push(
        `${path.join('.') || '(value)'}: ${JSON.stringify(any) ?? 'undefined'} is not ${invalidType.name ?? invalidType.typeName}`,
      ),
  });
  return problems.length > 0 ? problems : ['does not match the schema'];
}
