import { AvroJson, isNamedDefinition, isObject, PRIMITIVES, shortNameOf } from '../model/avro-json';

const PRIMITIVE_TS: Readonly<Record<string, string>> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

// Logical types get readable aliases. avsc decodes them as their underlying type, since we
// register no logical-type classes: timestamp-micros stays a number of microseconds (exact up to
// 2^53 µs, i.e. the year 2255), uuid stays a string.
const LOGICAL_TS: Readonly<Record<string, string>> = { 'timestamp-micros': 'TimestampMicros', uuid: 'Uuid' };

/**
 * Maps resolved Avro JSON to TypeScript that matches what avsc decodes and accepts. Unions follow
 * avsc's default (`wrapUnions: 'auto'`): a union whose branches JavaScript can tell apart is
 * unwrapped (`string | null`); one with two branches of the same JS kind, such as long and double,
 * is wrapped (`{ long: number } | { double: number } | null`). ts-type-mapper.spec.ts holds this
 * to avsc's own decision for every union in the schemas.
 */
export class TsTypeMapper {
  readonly referenced = new Set<string>();
  readonly aliases = new Set<string>();

  constructor(private readonly kindOf: (fullName: string) => string | undefined) {}

  render(node: AvroJson): string {
    if (typeof node === 'string') return this.renderName(node);
    if (Array.isArray(node)) return this.renderUnion(node);
    if (isNamedDefinition(node)) return this.renderName(node.name);
    if (node.type === 'array') return this.renderArray(this.render(node.items as AvroJson));
    if (node.type === 'map') return `Record<string, ${this.render(node.values as AvroJson)}>`;
    const alias = typeof node.logicalType === 'string' ? LOGICAL_TS[node.logicalType] : undefined;
    if (alias) {
      this.aliases.add(alias);
      return alias;
    }
    return this.render(node.type as AvroJson);
  }

  isWrapped(branches: AvroJson[]): boolean {
    const seen = new Set<string>();
    for (const branch of branches) {
      const bucket = this.bucketOf(branch);
      if (seen.has(bucket)) return true;
      seen.add(bucket);
    }
    return false;
  }

  /** Key of a wrapped branch: the type name, or the full name for named types (Avro JSON encoding). */
  branchName(node: AvroJson): string {
    if (typeof node === 'string') return node;
    if (Array.isArray(node)) throw new Error('unions may not contain unions');
    if (isNamedDefinition(node)) return node.name;
    return typeof node.type === 'string' ? node.type : this.branchName(node.type as AvroJson);
  }

  private renderName(name: string): string {
    if (PRIMITIVES.has(name)) return PRIMITIVE_TS[name];
    this.referenced.add(name);
    return shortNameOf(name);
  }

  private renderArray(items: string): string {
    return /[ |{]/.test(items) ? `Array<${items}>` : `${items}[]`;
  }

  private renderUnion(branches: AvroJson[]): string {
    if (!this.isWrapped(branches)) {
      // `T | null` reads better than Avro's null-first order; the order means nothing in TypeScript.
      const nonNull = branches.filter((branch) => branch !== 'null').map((branch) => this.render(branch));
      return [...nonNull, ...(nonNull.length < branches.length ? ['null'] : [])].join(' | ');
    }
    return branches
      .map((branch) => {
        const name = this.branchName(branch);
        if (name === 'null') return 'null';
        const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name}'`;
        return `{ readonly ${key}: ${this.render(branch)} }`;
      })
      .join(' | ');
  }

  /** avsc's buckets (lib/types.js getTypeBucket): values JavaScript cannot tell apart share one. */
  private bucketOf(node: AvroJson): string {
    const name = this.branchName(node);
    const kind = PRIMITIVES.has(name) || name === 'array' || name === 'map' ? name : this.kindOf(name);
    switch (kind) {
      case 'int':
      case 'long':
      case 'float':
      case 'double':
        return 'number';
      case 'bytes':
      case 'fixed':
        return 'buffer';
      case 'enum':
        return 'string';
      case 'map':
      case 'record':
      case 'error':
        return 'object';
      default:
        return kind ?? (isObject(node) ? String(node.type) : name);
    }
  }
}
