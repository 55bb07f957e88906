import * as avro from 'avsc';

/** Which reader reads which writer (Avro spec, "Schema Resolution"). */
export type Direction = 'backward' | 'forward';

const EXPLAIN: Record<Direction, { missing: string; symbols: string }> = {
  // backward: the new schema reads data written with the old one.
  backward: {
    missing:
      'added without a default, so data written with the old schema cannot be read (give it a default)',
    symbols: 'are not in the new schema',
  },
  // forward: the old schema (consumers not yet upgraded) reads data written with the new one.
  forward: {
    missing: 'removed, but consumers on the old schema require it (it has no default there)',
    symbols: "are new, and the old schema's enum has no default to fall back to",
  },
};

/** avsc's typings lack its union classes; both have `types`. */
type UnionType = avro.Type & { readonly types: avro.Type[] };

const describe = (type: avro.Type): string => type.name ?? type.typeName.replace(/^union:.*/, 'union');
const resolves = (reader: avro.Type, writer: avro.Type): boolean => {
  try {
    reader.createResolver(writer);
    return true;
  } catch {
    return false;
  }
};

/**
 * Why `reader` cannot read data written with `writer`, as messages that name the field path;
 * empty when it can. avsc only says "cannot read X as Y" for the whole schema, so this walks both
 * schemas to find the fields at fault.
 */
export function explainResolution(
  reader: avro.Type,
  writer: avro.Type,
  path: string,
  direction: Direction,
): string[] {
  if (resolves(reader, writer)) return [];
  const found = diagnose(reader, writer, path, direction);
  return found.length > 0 ? found : [`${path}: cannot read ${describe(writer)} as ${describe(reader)}`];
}

function diagnose(reader: avro.Type, writer: avro.Type, path: string, direction: Direction): string[] {
  if (avro.Type.isType(writer, 'union')) {
    return (writer as UnionType).types.flatMap((branch) =>
      resolves(reader, branch)
        ? []
        : explainResolution(reader, branch, `${path}<${describe(branch)}>`, direction),
    );
  }
  if (avro.Type.isType(reader, 'union')) {
    const branches = (reader as UnionType).types;
    return [`${path}: ${describe(writer)} is not among ${branches.map(describe).join(' | ')}`];
  }
  if (
    reader.typeName !== writer.typeName &&
    !(reader.typeName === 'record' && writer.typeName === 'record')
  ) {
    return [`${path}: type changed between ${describe(writer)} and ${describe(reader)}`];
  }
  switch (reader.typeName) {
    case 'record':
      return diagnoseRecord(
        reader as avro.types.RecordType,
        writer as avro.types.RecordType,
        path,
        direction,
      );
    case 'enum': {
      const known = new Set((reader as avro.types.EnumType).symbols);
      const unknown = (writer as avro.types.EnumType).symbols.filter((symbol) => !known.has(symbol));
      return [`${path}: enum symbols ${unknown.join(', ')} ${EXPLAIN[direction].symbols}`];
    }
    case 'array':
      return explainResolution(
        (reader as avro.types.ArrayType).itemsType,
        (writer as avro.types.ArrayType).itemsType,
        `${path}[]`,
        direction,
      );
    case 'map':
      return explainResolution(
        (reader as avro.types.MapType).valuesType,
        (writer as avro.types.MapType).valuesType,
        `${path}{}`,
        direction,
      );
    default:
      return [];
  }
}

function diagnoseRecord(
  reader: avro.types.RecordType,
  writer: avro.types.RecordType,
  path: string,
  direction: Direction,
): string[] {
  if (reader.name !== writer.name && !(reader.aliases ?? []).includes(writer.name ?? '')) {
    return [`${path}: record ${writer.name} is now ${reader.name} (keep the name or add an alias)`];
  }
  return reader.fields.flatMap((field) => {
    const at = `${path}.${field.name}`;
    const source = writer.fields.find(
      (candidate) => candidate.name === field.name || field.aliases.includes(candidate.name),
    );
    if (source) return explainResolution(field.type, source.type, at, direction);
    return field.defaultValue() === undefined ? [`${at}: ${EXPLAIN[direction].missing}`] : [];
  });
}
