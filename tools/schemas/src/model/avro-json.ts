// Plain-JSON view of Avro schemas as written in .avsc files (Avro spec, "Schema Declaration").

export type AvroJson = string | AvroJson[] | AvroObject;
export interface AvroObject {
  [key: string]: unknown;
  type?: unknown;
}

export const PRIMITIVES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);
export const NAMED_KINDS: ReadonlySet<string> = new Set(['record', 'error', 'enum', 'fixed']);

export function isObject(node: unknown): node is AvroObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

export function isNamedDefinition(node: unknown): node is AvroObject & { type: string; name: string } {
  return (
    isObject(node) &&
    typeof node.type === 'string' &&
    NAMED_KINDS.has(node.type) &&
    typeof node.name === 'string'
  );
}

/** Avro spec, "Names": a dotted name is already full; otherwise the enclosing namespace applies. */
export function qualify(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

export function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? undefined : fullName.slice(0, dot);
}

export function shortNameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

export interface AvroField extends AvroObject {
  name: string;
  type: AvroJson;
  doc?: string;
  default?: unknown;
}

export function fieldsOf(definition: AvroObject): AvroField[] {
  return Array.isArray(definition.fields) ? (definition.fields as AvroField[]) : [];
}
