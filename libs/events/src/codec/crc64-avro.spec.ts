import * as avro from 'avsc';
import { crc64Avro } from './crc64-avro';
import { AVRO_SCHEMA_TESTS } from './fixtures/avro-schema-tests.fixture';
import { parsingCanonicalForm } from './schema-fingerprint';

const asSignedLong = (value: bigint): string => BigInt.asIntN(64, value).toString();

describe('crc64Avro', () => {
  it.each(AVRO_SCHEMA_TESTS)(
    'matches the published fingerprint of case $id',
    ({ canonical, fingerprint }) => {
      expect(asSignedLong(crc64Avro(Buffer.from(canonical, 'utf8')))).toBe(fingerprint);
    },
  );

  it("returns the spec's EMPTY constant for no input", () => {
    expect(crc64Avro(new Uint8Array())).toBe(0xc15d213aa4d7a795n);
  });
});

describe(parsingCanonicalForm.name, () => {
  // avsc refuses two inputs that no Provenant schema resembles: the empty union of case 016 and
  // case 026's string default "true" on a boolean field (avsc validates defaults).
  const parseable = AVRO_SCHEMA_TESTS.filter((test) => test.id !== '016' && test.id !== '026');

  it.each(parseable)(
    'turns the input of case $id into its published canonical form',
    ({ input, canonical }) => {
      const type = avro.Type.forSchema(JSON.parse(input) as avro.Schema);
      expect(parsingCanonicalForm(type)).toBe(canonical);
    },
  );
});
