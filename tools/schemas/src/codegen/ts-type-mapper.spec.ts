import * as avro from 'avsc';
import { AvroJson, fieldsOf, isNamedDefinition, isObject } from '../model/avro-json';
import { readSchemaFilesFromDisk } from '../model/schema-files';
import { loadSchemaSet } from '../model/schema-set';
import { TsTypeMapper } from './ts-type-mapper';
import { resolve } from 'node:path';

/** Every union in the schemas, beside the avsc type avsc built for it. */
function unionsOf(node: AvroJson, type: avro.Type, out: Array<[AvroJson[], avro.Type]>): void {
  if (Array.isArray(node)) {
    out.push([node, type]);
    node.forEach((branch, index) =>
      unionsOf(branch, (type as avro.Type & { types: avro.Type[] }).types[index], out),
    );
  } else if (isNamedDefinition(node) && node.type === 'record') {
    fieldsOf(node).forEach((field) =>
      unionsOf(field.type, (type as avro.types.RecordType).field(field.name).type, out),
    );
  } else if (isObject(node) && node.type === 'array') {
    unionsOf(node.items as AvroJson, (type as avro.types.ArrayType).itemsType, out);
  } else if (isObject(node) && node.type === 'map') {
    unionsOf(node.values as AvroJson, (type as avro.types.MapType).valuesType, out);
  }
}

describe(TsTypeMapper.name, () => {
  const set = loadSchemaSet(readSchemaFilesFromDisk(resolve(__dirname, '../../../..')));
  const sut = new TsTypeMapper((name) => set.definitions.get(name)?.definition.type);

  it('wraps exactly the unions avsc wraps (wrapUnions: auto)', () => {
    const unions: Array<[AvroJson[], avro.Type]> = [];
    for (const event of set.events) unionsOf(event.resolved, event.type, unions);
    expect(unions.length).toBeGreaterThan(100);
    for (const [branches, type] of unions) {
      expect({ branches, wrapped: sut.isWrapped(branches) }).toEqual({
        branches,
        wrapped: type.typeName === 'union:wrapped',
      });
    }
  });

  it('renders optional fields as T | null and ambiguous unions wrapped', () => {
    expect(sut.render(['null', 'string'])).toBe('string | null');
    expect(sut.render(['null', 'long', 'double'])).toBe(
      'null | { readonly long: number } | { readonly double: number }',
    );
    expect(sut.render({ type: 'long', logicalType: 'timestamp-micros' })).toBe('TimestampMicros');
    expect(sut.render({ type: 'map', values: { type: 'array', items: 'provenant.runs.KeyValue' } })).toBe(
      'Record<string, KeyValue[]>',
    );
  });
});
