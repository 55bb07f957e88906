import { AvroObject, fieldsOf, isObject, shortNameOf } from './avro-json';
import { NamedTypeDefinition } from './named-types';
import { domainOf } from './schema-files';
import { EVENT_META_FULL_NAME, isEventDefinition, SchemaSet } from './schema-set';

/**
 * House rules that keep the contracts evolvable and readable. Each problem names the file and the
 * rule; `npm run schemas:check` fails on any.
 */
export function lintSchemaSet(set: SchemaSet): string[] {
  const problems: string[] = [];
  const shortNames = new Map<string, string>();
  for (const file of set.files) {
    const root = isObject(file.json) && typeof file.json.name === 'string' ? file.json.name : undefined;
    const expected = file.path
      .split('/')
      .pop()
      ?.replace(/\.avsc$/, '');
    if (root !== expected)
      problems.push(`${file.path}: the file must be named after its type (${root}.avsc)`);
    const namespace = isObject(file.json) ? file.json.namespace : undefined;
    const domain = domainOf(file.path);
    const wanted = `provenant.${domain.replace(/-/g, '_')}`;
    if (namespace !== wanted)
      problems.push(`${file.path}: namespace must be ${wanted} (the folder's domain)`);
  }
  for (const definition of set.definitions.values()) {
    const short = shortNameOf(definition.fullName);
    const clash = shortNames.get(short);
    // Generated TypeScript uses short names, so they must be unique across all domains.
    if (clash) problems.push(`${definition.file}: type name ${short} is also used by ${clash}`);
    shortNames.set(short, definition.fullName);
    problems.push(...lintDefinition(definition));
  }
  return problems;
}

function lintDefinition({ file, fullName, definition }: NamedTypeDefinition): string[] {
  const problems: string[] = [];
  const at = `${file}: ${fullName}`;
  if (typeof definition.doc !== 'string' || definition.doc.trim() === '') problems.push(`${at} has no doc`);
  if (definition.type === 'enum') {
    const symbols = (definition.symbols as string[] | undefined) ?? [];
    // Avro spec, "Schema Resolution": a reader's enum default absorbs symbols added later, which
    // is what keeps adding a symbol forward compatible.
    if (typeof definition.default !== 'string' || !symbols.includes(definition.default)) {
      problems.push(
        `${at}: enums need a default symbol (UNKNOWN) so that adding a symbol stays forward compatible`,
      );
    }
  }
  if (definition.type !== 'record') return problems;
  const fields = fieldsOf(definition);
  fields.forEach((field, index) => {
    const where = `${at}.${field.name}`;
    if (typeof field.doc !== 'string' || field.doc.trim() === '') problems.push(`${where} has no doc`);
    if (Array.isArray(field.type) && field.type.includes('null')) {
      if (field.type[0] !== 'null' || field.default !== null) {
        problems.push(
          `${where}: optional fields are ["null", T] with "default": null, so they can be added and removed compatibly`,
        );
      }
    }
    if (field.name === 'meta' && (index !== 0 || field.type !== EVENT_META_FULL_NAME)) {
      problems.push(`${where}: meta must be the first field and of type ${EVENT_META_FULL_NAME}`);
    }
  });
  if (isEventDefinition(definition as AvroObject) && fields[0]?.name !== 'meta') {
    problems.push(`${at}: events start with the meta field`);
  }
  return problems;
}
