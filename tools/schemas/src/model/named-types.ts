import {
  AvroJson,
  fieldsOf,
  isNamedDefinition,
  isObject,
  namespaceOf,
  PRIMITIVES,
  qualify,
} from './avro-json';

/** One named type (record, enum, fixed) as defined in a schema file. */
export interface NamedTypeDefinition {
  readonly fullName: string;
  readonly file: string;
  readonly definition: { [key: string]: unknown; type: string; name: string };
}

export interface FileNames {
  readonly defined: NamedTypeDefinition[];
  readonly referenced: Set<string>;
}

/**
 * Walks one file and lists the named types it defines and the full names it refers to, applying
 * the namespace rules of the Avro spec ("Names"): a nested definition without a namespace takes the
 * one of the most tightly enclosing named type.
 */
export function collectNames(file: string, root: AvroJson): FileNames {
  const defined: NamedTypeDefinition[] = [];
  const referenced = new Set<string>();
  const walk = (node: unknown, namespace: string | undefined): void => {
    if (typeof node === 'string') {
      if (!PRIMITIVES.has(node)) referenced.add(qualify(node, namespace));
    } else if (Array.isArray(node)) {
      node.forEach((branch) => walk(branch, namespace));
    } else if (isNamedDefinition(node)) {
      const explicit = typeof node.namespace === 'string' ? node.namespace : namespace;
      const fullName = qualify(node.name, explicit);
      defined.push({ fullName, file, definition: node });
      fieldsOf(node).forEach((field) => walk(field.type, namespaceOf(fullName)));
    } else if (isObject(node)) {
      if (node.type === 'array') walk(node.items, namespace);
      else if (node.type === 'map') walk(node.values, namespace);
      else if (typeof node.type !== 'string' || !PRIMITIVES.has(node.type)) walk(node.type, namespace);
    }
  };
  walk(root, undefined);
  for (const own of defined) referenced.delete(own.fullName);
  return { defined, referenced };
}
