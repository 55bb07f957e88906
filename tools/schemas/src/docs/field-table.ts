import { AvroJson, fieldsOf, isNamedDefinition, isObject, shortNameOf } from '../model/avro-json';

export interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly doc: string;
}

/**
 * Flattens a resolved record into rows: nested records (also inside arrays, maps and optional
 * fields) appear as dotted paths (`code.commit`, `metrics[].value`) the first time they are
 * defined; types named in `stopAt` (EventMeta) are listed by name only.
 */
export function fieldRows(record: AvroJson, stopAt: ReadonlySet<string>): FieldRow[] {
  const rows: FieldRow[] = [];
  const visit = (node: AvroJson, prefix: string): void => {
    if (!isNamedDefinition(node) || node.type !== 'record' || stopAt.has(node.name)) return;
    for (const field of fieldsOf(node)) {
      const path = prefix === '' ? field.name : `${prefix}.${field.name}`;
      rows.push({ path, type: describeType(field.type), doc: String(field.doc ?? '') });
      visit(innerRecord(field.type), path + suffixOf(field.type));
    }
  };
  visit(record, '');
  return rows;
}

/** `string?`, `array<MetricPoint>`, `map<string>`, `timestamp-micros`, `RunStatus (FINISHED | …)`. */
export function describeType(node: AvroJson): string {
  if (typeof node === 'string') return shortNameOf(node);
  if (Array.isArray(node)) {
    const others = node.filter((branch) => branch !== 'null');
    return others.length === 1 && node.length === 2
      ? `${describeType(others[0])}?`
      : node.map(describeType).join(' \\| ');
  }
  if (isNamedDefinition(node)) {
    if (node.type === 'enum')
      return `${shortNameOf(node.name)} (${(node.symbols as string[]).join(' \\| ')})`;
    return shortNameOf(node.name);
  }
  if (!isObject(node)) return String(node);
  if (node.type === 'array') return `array<${describeType(node.items as AvroJson)}>`;
  if (node.type === 'map') return `map<${describeType(node.values as AvroJson)}>`;
  if (typeof node.logicalType === 'string') return node.logicalType;
  return describeType(node.type as AvroJson);
}

function innerRecord(node: AvroJson): AvroJson {
  if (Array.isArray(node))
    return node.find((branch) => branch !== 'null' && typeof branch !== 'string') ?? 'null';
  if (isObject(node) && !isNamedDefinition(node)) {
    if (node.type === 'array') return innerRecord(node.items as AvroJson);
    if (node.type === 'map') return innerRecord(node.values as AvroJson);
  }
  return node;
}

function suffixOf(node: AvroJson): string {
  if (Array.isArray(node)) return suffixOf(node.find((branch) => branch !== 'null') ?? 'null');
  if (isObject(node) && !isNamedDefinition(node)) {
    if (node.type === 'array') return `[]${suffixOf(node.items as AvroJson)}`;
    if (node.type === 'map') return `{}${suffixOf(node.values as AvroJson)}`;
  }
  return '';
}
