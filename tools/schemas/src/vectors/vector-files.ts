import { EventCodec } from '@provenant/events';
import { SchemaSet } from '../model/schema-set';
import { GOLDEN_SAMPLES } from './samples';

export const VECTORS_DIR = 'schemas/vectors';

/**
 * Golden vectors: for every event type, `<EventType>.bin` (single-object encoded bytes of the fixed
 * sample), `<EventType>.json` (the same datum in the Avro JSON encoding: unions wrapped as
 * {"branch": value}, bytes as strings of code points U+0000–U+00FF) and `<EventType>.avsc` (the event's current schema,
 * self-contained: named types from other files resolved), so a consumer in any language can prove
 * it decodes our bytes to the same datum, with a schema its Avro library parses on its own.
 */
export function generateVectorFiles(set: SchemaSet): Map<string, string | Buffer> {
  const codec = new EventCodec<Record<string, unknown>>({
    readers: Object.fromEntries(set.events.map((event) => [event.eventType, event.resolved])),
  });
  const files = new Map<string, string | Buffer>();
  for (const event of set.events) {
    const sample = (GOLDEN_SAMPLES as Record<string, unknown>)[event.eventType];
    if (sample === undefined)
      throw new Error(`no golden sample for ${event.eventType} in tools/schemas/src/vectors/samples`);
    let bytes: Buffer;
    try {
      bytes = codec.encode(event.eventType, sample);
    } catch (error) {
      throw new Error(
        `the golden sample of ${event.eventType} no longer fits its schema; update tools/schemas/src/vectors/samples: ${(error as Error).message}`,
      );
    }
    files.set(`${VECTORS_DIR}/${event.eventType}.avsc`, `${JSON.stringify(event.resolved, null, 2)}\n`);
    files.set(`${VECTORS_DIR}/${event.eventType}.bin`, bytes);
    files.set(`${VECTORS_DIR}/${event.eventType}.json`, avroJson(event.type, codec.decode(bytes).value));
  }
  return files;
}

/** The datum in the Avro JSON encoding, pretty-printed. */
export function avroJson(type: { toString(value: unknown): string }, value: unknown): string {
  return `${JSON.stringify(JSON.parse(type.toString(value)), null, 2)}\n`;
}
