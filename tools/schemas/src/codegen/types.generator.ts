import { fieldsOf, shortNameOf } from '../model/avro-json';
import { resolveSchema } from '../model/resolve-schema';
import { domainOf } from '../model/schema-files';
import { SchemaSet } from '../model/schema-set';
import { docComment, GENERATED_HEADER, quote } from './generated-header';
import { TsTypeMapper } from './ts-type-mapper';

/** One `<domain>.types.ts` per schema folder, with an interface or type per named Avro type. */
export function generateTypeFiles(set: SchemaSet): Map<string, string> {
  const byDomain = new Map<string, string[]>();
  for (const fullName of [...set.definitions.keys()].sort(byShortName)) {
    const domain = domainOf(set.definitions.get(fullName)!.file);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), fullName]);
  }
  const kindOf = (name: string): string | undefined => set.definitions.get(name)?.definition.type;
  const files = new Map<string, string>();
  for (const [domain, names] of [...byDomain.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const mapper = new TsTypeMapper(kindOf);
    const body = names.flatMap((fullName) => declare(fullName, set, mapper));
    const imports = importsFor(domain, mapper, set);
    files.set(`${domain}.types.ts`, [GENERATED_HEADER, ...imports, '', ...body].join('\n'));
  }
  files.set(
    'scalars.ts',
    [
      GENERATED_HEADER,
      '',
      '/** Avro `long` with logicalType timestamp-micros: microseconds since the Unix epoch, UTC. */',
      'export type TimestampMicros = number;',
      '',
      '/** Avro `string` with logicalType uuid. */',
      'export type Uuid = string;',
      '',
    ].join('\n'),
  );
  return files;
}

function byShortName(a: string, b: string): number {
  return shortNameOf(a).localeCompare(shortNameOf(b));
}

function declare(fullName: string, set: SchemaSet, mapper: TsTypeMapper): string[] {
  const resolved = resolveSchema(fullName, set.definitions);
  const name = shortNameOf(fullName);
  const doc = docComment(resolved.doc);
  if (resolved.type === 'enum') {
    const symbols = (resolved.symbols as string[]).map(quote).join(' | ');
    return [...doc, `export type ${name} = ${symbols};`, ''];
  }
  if (resolved.type === 'fixed') return [...doc, `export type ${name} = Buffer;`, ''];
  const fields = fieldsOf(resolved).flatMap((field) => [
    ...docComment(field.doc, '  '),
    `  readonly ${field.name}: ${mapper.render(field.type)};`,
  ]);
  return [...doc, `export interface ${name} {`, ...fields, '}', ''];
}

function importsFor(domain: string, mapper: TsTypeMapper, set: SchemaSet): string[] {
  const fromDomain = new Map<string, string[]>();
  for (const name of mapper.referenced) {
    const other = domainOf(set.definitions.get(name)!.file);
    if (other !== domain) fromDomain.set(other, [...(fromDomain.get(other) ?? []), shortNameOf(name)]);
  }
  const lines = [...fromDomain.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([other, names]) => `import type { ${[...new Set(names)].sort().join(', ')} } from './${other}.types';`,
    );
  if (mapper.aliases.size > 0)
    lines.push(`import type { ${[...mapper.aliases].sort().join(', ')} } from './scalars';`);
  return lines.length > 0 ? ['', ...lines] : [];
}
