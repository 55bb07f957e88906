import { resolve } from 'node:path';
import { AvroObject } from '../model/avro-json';
import { readSchemaFilesFromDisk, SchemaFile } from '../model/schema-files';
import { loadSchemaSet, SchemaSet } from '../model/schema-set';
import { compareSchemaSets } from './schema-set-comparison';

const eventMetaFile = readSchemaFilesFromDisk(resolve(__dirname, '../../../..')).find((file) =>
  file.path.endsWith('/EventMeta.avsc'),
)!;
const META = { name: 'meta', type: 'provenant.common.EventMeta', doc: 'meta' };
const STATUS = {
  type: 'enum',
  name: 'ThingStatus',
  doc: 's',
  symbols: ['OK', 'UNKNOWN'],
  default: 'UNKNOWN',
};

function thing(fields: object[], extra: SchemaFile[] = []): SchemaSet {
  const json = {
    type: 'record',
    name: 'ThingHappened',
    namespace: 'provenant.runs',
    doc: 't',
    fields: [META, ...fields],
  };
  return loadSchemaSet([eventMetaFile, { path: 'schemas/runs/ThingHappened.avsc', json }, ...extra]);
}

const v1 = [
  { name: 'thingId', type: 'string', doc: 'id' },
  { name: 'count', type: 'long', doc: 'n' },
  { name: 'status', type: STATUS, doc: 'status' },
];

describe(compareSchemaSets.name, () => {
  const base = thing(v1);

  it('accepts an optional field added with a default', () => {
    const head = thing([...v1, { name: 'colour', type: ['null', 'string'], default: null, doc: 'c' }]);
    expect(compareSchemaSets(base, head)).toEqual({ checked: ['ThingHappened'], added: [], problems: [] });
  });

  it('accepts int widened to long and a doc change', () => {
    const narrow = thing([
      { name: 'thingId', type: 'string', doc: 'other doc' },
      { name: 'count', type: 'int', doc: 'n' },
      v1[2],
    ]);
    expect(
      compareSchemaSets(narrow, base).problems.filter((problem) => problem.startsWith('backward')),
    ).toEqual([]);
  });

  it('names a field added without a default (backward)', () => {
    const head = thing([...v1, { name: 'priority', type: 'int', doc: 'p' }]);
    expect(compareSchemaSets(base, head).problems).toEqual([
      'backward: ThingHappened.priority: added without a default, so data written with the old schema cannot be read (give it a default)',
    ]);
  });

  it('names a field removed that old readers need (forward)', () => {
    const head = thing([v1[0], v1[2]]);
    expect(compareSchemaSets(base, head).problems).toEqual([
      'forward: ThingHappened.count: removed, but consumers on the old schema require it (it has no default there)',
    ]);
  });

  it('names a changed type in both directions', () => {
    const head = thing([v1[0], { name: 'count', type: 'string', doc: 'n' }, v1[2]]);
    expect(compareSchemaSets(base, head).problems).toEqual([
      'backward: ThingHappened.count: type changed between long and string',
      'forward: ThingHappened.count: type changed between string and long',
    ]);
  });

  it('names enum symbols an old reader cannot absorb', () => {
    const strict = { ...STATUS, symbols: ['OK'], default: undefined };
    const oldSet = thing([v1[0], v1[1], { name: 'status', type: strict, doc: 'status' }]);
    const newSet = thing([
      v1[0],
      v1[1],
      { name: 'status', type: { ...strict, symbols: ['OK', 'LOST'] }, doc: 'status' },
    ]);
    expect(compareSchemaSets(oldSet, newSet).problems).toEqual([
      "forward: ThingHappened.status: enum symbols LOST are new, and the old schema's enum has no default to fall back to",
    ]);
  });

  it('refuses a removed event type and reports new ones', () => {
    const other: SchemaFile = {
      path: 'schemas/runs/OtherHappened.avsc',
      json: { type: 'record', name: 'OtherHappened', namespace: 'provenant.runs', doc: 'o', fields: [META] },
    };
    expect(compareSchemaSets(base, thing(v1, [other])).added).toEqual(['OtherHappened']);
    expect(compareSchemaSets(thing(v1, [other]), base).problems).toEqual([
      'OtherHappened: removed; messages and consumers still use it (a breaking change is a new event name)',
    ]);
  });

  it('only lets EventMeta grow at its end', () => {
    const meta = eventMetaFile.json as AvroObject & { fields: object[] };
    const withField = (fields: object[]): SchemaSet =>
      loadSchemaSet([
        { ...eventMetaFile, json: { ...meta, fields } },
        {
          path: 'schemas/runs/ThingHappened.avsc',
          json: {
            type: 'record',
            name: 'ThingHappened',
            namespace: 'provenant.runs',
            doc: 't',
            fields: [META],
          },
        },
      ]);
    const tenant = { name: 'tenant', type: ['null', 'string'], default: null, doc: 'tenant' };
    const appended = withField([...meta.fields, tenant]);
    const inserted = withField([tenant, ...meta.fields]);
    const original = withField(meta.fields);

    expect(compareSchemaSets(original, appended).problems).toEqual([]);
    expect(compareSchemaSets(original, inserted).problems).toContainEqual(
      expect.stringMatching(/^EventMeta: its existing fields/),
    );
  });

  it('checks every historical writer schema against the current one', () => {
    const head = thing([...v1, { name: 'priority', type: 'int', doc: 'p' }]);
    const history = { ThingHappened: { [base.events[0].fingerprint.hex]: base.events[0].canonicalForm } };
    expect(compareSchemaSets(head, head, history).problems).toEqual([
      `history ${base.events[0].fingerprint.hex}: ThingHappened.priority: added without a default, so data written with the old schema cannot be read (give it a default) (remove the entry from schemas/writer-history.json only if that version was never released)`,
    ]);
  });
});
