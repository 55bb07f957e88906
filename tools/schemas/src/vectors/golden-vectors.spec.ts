import * as avro from 'avsc';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENT_SCHEMAS, EVENT_TYPES } from '@provenant/contracts';
import { EventCodec } from '@provenant/events';
import { VECTORS_DIR } from './vector-files';

const dir = join(resolve(__dirname, '../../../..'), VECTORS_DIR);

describe('golden vectors', () => {
  const sut = EventCodec.fromContracts();

  it('exist for every event type, and only for event types', () => {
    const expected = EVENT_TYPES.flatMap((eventType) => [
      `${eventType}.avsc`,
      `${eventType}.bin`,
      `${eventType}.json`,
    ]).sort();
    expect(readdirSync(dir).sort()).toEqual(expected);
  });

  it.each([...EVENT_TYPES])('%s.bin decodes to %s.json', (eventType) => {
    const bytes = readFileSync(join(dir, `${eventType}.bin`));
    const expected = JSON.parse(readFileSync(join(dir, `${eventType}.json`), 'utf8')) as unknown;
    const type = avro.Type.forSchema(EVENT_SCHEMAS[eventType] as avro.Schema);
    const published = avro.Type.forSchema(
      JSON.parse(readFileSync(join(dir, `${eventType}.avsc`), 'utf8')) as avro.Schema,
    );

    const decoded = sut.decode(bytes);

    expect(decoded.eventType).toBe(eventType);
    expect(bytes.toString('hex', 2, 10)).toBe(sut.fingerprintOf(eventType));
    expect(published.equals(type)).toBe(true);
    expect(JSON.parse(type.toString(decoded.value))).toEqual(expected);
    // And back: the JSON encodes to exactly the vector's bytes.
    expect(sut.encode(eventType, type.fromString(JSON.stringify(expected)))).toEqual(bytes);
  });
});
