import * as avro from 'avsc';
import { resolve } from 'node:path';
import { fingerprintOfCanonicalForm } from '@provenant/events';
import { collectNames } from './named-types';
import { readSchemaFilesFromDisk, SchemaFile } from './schema-files';
import { loadSchemaSet, SchemaLoadError } from './schema-set';

const repoRoot = resolve(__dirname, '../../../..');

/** Parses files with one shared avsc registry, in dependency order: a second, independent path. */
function parseWithAvscRegistry(files: readonly SchemaFile[]): Map<string, avro.Type> {
  const registry: Record<string, avro.Type> = {};
  const types = new Map<string, avro.Type>();
  const pending = files.map((file) => ({ file, ...collectNames(file.path, file.json) }));
  while (pending.length > 0) {
    const index = pending.findIndex((entry) => [...entry.referenced].every((name) => name in registry));
    if (index < 0) throw new Error('cyclic or undefined references');
    const [entry] = pending.splice(index, 1);
    types.set(entry.defined[0].fullName, avro.Type.forSchema(entry.file.json as avro.Schema, { registry }));
  }
  return types;
}

describe(loadSchemaSet.name, () => {
  const files = readSchemaFilesFromDisk(repoRoot);
  const sut = loadSchemaSet(files);

  it('fingerprints each event in its fully resolved canonical form, as a shared registry does', () => {
    const viaRegistry = parseWithAvscRegistry(files);
    for (const event of sut.events) {
      const canonical = JSON.stringify(viaRegistry.get(event.fullName)!.schema());
      expect({ event: event.eventType, fingerprint: fingerprintOfCanonicalForm(canonical).hex }).toEqual({
        event: event.eventType,
        fingerprint: event.fingerprint.hex,
      });
    }
  });

  it('writes a named type from another file in full at its first use and by name afterwards', () => {
    const runStarted = sut.events.find((event) => event.eventType === 'RunStarted')!;
    expect(runStarted.canonicalForm.match(/"name":"provenant.common.ProvRef","type":"record"/g)).toHaveLength(
      1,
    );
    expect(runStarted.canonicalForm).toContain('"items":"provenant.common.ProvRef"');
    expect(
      runStarted.canonicalForm.startsWith(
        '{"name":"provenant.runs.RunStarted","type":"record","fields":[{"name":"meta","type":{"name":"provenant.common.EventMeta"',
      ),
    ).toBe(true);
  });

  it('keeps docs, defaults and logical types in the resolved schema', () => {
    const meta = sut.eventMeta.fields as Array<{
      name: string;
      type: unknown;
      doc?: string;
      default?: unknown;
    }>;
    expect(meta[1]).toMatchObject({
      name: 'occurredAt',
      type: { type: 'long', logicalType: 'timestamp-micros' },
    });
    expect(meta.find((field) => field.name === 'causationId')).toMatchObject({ default: null });
  });

  it('names the file that refers to an undefined type', () => {
    const broken: SchemaFile = {
      path: 'schemas/runs/Broken.avsc',
      json: {
        type: 'record',
        name: 'Broken',
        namespace: 'provenant.runs',
        fields: [{ name: 'x', type: 'Nowhere' }],
      },
    };
    expect(() => loadSchemaSet([...files, broken])).toThrow(SchemaLoadError);
    expect(() => loadSchemaSet([...files, broken])).toThrow(
      'schemas/runs/Broken.avsc: refers to undefined type provenant.runs.Nowhere',
    );
  });
});
