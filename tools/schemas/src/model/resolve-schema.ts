import {
  AvroJson,
  AvroObject,
  fieldsOf,
  isNamedDefinition,
  isObject,
  namespaceOf,
  PRIMITIVES,
  qualify,
} from './avro-json';
import { NamedTypeDefinition } from './named-types';

/**
 * Expands a named type into one self-contained schema: every named type it uses, from whatever
 * file, is written in full at its first use (depth-first, in field order) and by full name
 * afterwards. That is the form Apache Avro's Java implementation prints and fingerprints, so any
 * Avro library given this JSON computes the same CRC-64-AVRO fingerprint. Unlike avsc's
 * `schema({exportAttrs: true})` it keeps every attribute (doc, default, logicalType, enum default).
 */
export function resolveSchema(
  rootFullName: string,
  definitions: ReadonlyMap<string, NamedTypeDefinition>,
): AvroObject {
  const written = new Set<string>();

  const expandNamed = (fullName: string): AvroJson => {
    if (written.has(fullName)) return fullName;
    const found = definitions.get(fullName);
    if (!found) throw new Error(`undefined type name: ${fullName}`);
    written.add(fullName);
    const own = namespaceOf(fullName);
    const rest: AvroObject = { ...found.definition };
    delete rest.namespace; // names below are all full names
    const out: AvroObject = { ...rest, name: fullName };
    if (Array.isArray(rest.aliases))
      out.aliases = (rest.aliases as string[]).map((alias) => qualify(alias, own));
    if (rest.type === 'record' || rest.type === 'error') {
      out.fields = fieldsOf(found.definition).map((field) => ({
        ...field,
        type: expandType(field.type, own),
      }));
    }
    return out;
  };

  const expandType = (node: AvroJson, namespace: string | undefined): AvroJson => {
    if (typeof node === 'string') return PRIMITIVES.has(node) ? node : expandNamed(qualify(node, namespace));
    if (Array.isArray(node)) return node.map((branch) => expandType(branch, namespace));
    if (isNamedDefinition(node)) {
      const explicit = typeof node.namespace === 'string' ? node.namespace : namespace;
      return expandNamed(qualify(node.name, explicit));
    }
    if (!isObject(node)) throw new Error(`not a schema: ${JSON.stringify(node)}`);
    if (node.type === 'array') return { ...node, items: expandType(node.items as AvroJson, namespace) };
    if (node.type === 'map') return { ...node, values: expandType(node.values as AvroJson, namespace) };
    if (typeof node.type === 'string' && PRIMITIVES.has(node.type)) {
      return Object.keys(node).length === 1 ? node.type : { ...node };
    }
    return expandType(node.type as AvroJson, namespace);
  };

  return expandNamed(rootFullName) as AvroObject;
}
