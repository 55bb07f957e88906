import * as avro from 'avsc';
import { fingerprintOfCanonicalForm, parsingCanonicalForm, SchemaFingerprint } from '@provenant/events';
import { AvroObject, fieldsOf, shortNameOf } from './avro-json';
import { collectNames, NamedTypeDefinition } from './named-types';
import { resolveSchema } from './resolve-schema';
import { domainOf, SchemaFile } from './schema-files';

export const EVENT_META_FULL_NAME = 'provenant.common.EventMeta';

/** A record that is an event: its first field is `meta: EventMeta`. */
export interface EventSchema {
  readonly eventType: string;
  readonly fullName: string;
  readonly domain: string;
  readonly file: string;
  /** Self-contained schema with every attribute (docs, defaults, logical types). */
  readonly resolved: AvroObject;
  readonly type: avro.Type;
  readonly canonicalForm: string;
  readonly fingerprint: SchemaFingerprint;
}

export interface SchemaSet {
  readonly files: readonly SchemaFile[];
  readonly definitions: ReadonlyMap<string, NamedTypeDefinition>;
  /** Sorted by event type. */
  readonly events: readonly EventSchema[];
  readonly eventMeta: AvroObject;
}

export class SchemaLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`schemas do not load:\n  - ${problems.join('\n  - ')}`);
  }
}

export function isEventDefinition(definition: AvroObject): boolean {
  return definition.type === 'record' && fieldsOf(definition).some((field) => field.name === 'meta');
}

/** Parses every file, resolving named types across files by full name (one registry for all). */
export function loadSchemaSet(files: readonly SchemaFile[]): SchemaSet {
  const problems: string[] = [];
  const definitions = new Map<string, NamedTypeDefinition>();
  const roots: NamedTypeDefinition[] = [];
  const references: Array<[string, Set<string>]> = [];
  for (const file of files) {
    const { defined, referenced } = collectNames(file.path, file.json);
    if (defined.length === 0) problems.push(`${file.path}: defines no named type`);
    else roots.push(defined[0]);
    for (const definition of defined) {
      const earlier = definitions.get(definition.fullName);
      if (earlier)
        problems.push(`${file.path}: ${definition.fullName} is already defined in ${earlier.file}`);
      else definitions.set(definition.fullName, definition);
    }
    references.push([file.path, referenced]);
  }
  for (const [path, referenced] of references) {
    for (const name of referenced)
      if (!definitions.has(name)) problems.push(`${path}: refers to undefined type ${name}`);
  }
  if (!definitions.has(EVENT_META_FULL_NAME)) problems.push(`no schema defines ${EVENT_META_FULL_NAME}`);
  if (problems.length > 0) throw new SchemaLoadError(problems);

  const events: EventSchema[] = [];
  for (const root of roots.filter((candidate) => isEventDefinition(candidate.definition))) {
    try {
      events.push(toEventSchema(root, definitions));
    } catch (error) {
      problems.push(`${root.file}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new SchemaLoadError(problems);
  events.sort((a, b) => (a.eventType < b.eventType ? -1 : a.eventType > b.eventType ? 1 : 0));
  return { files, definitions, events, eventMeta: resolveSchema(EVENT_META_FULL_NAME, definitions) };
}

function toEventSchema(
  root: NamedTypeDefinition,
  definitions: ReadonlyMap<string, NamedTypeDefinition>,
): EventSchema {
  const resolved = resolveSchema(root.fullName, definitions);
  const type = avro.Type.forSchema(resolved as avro.Schema);
  const canonicalForm = parsingCanonicalForm(type);
  return {
    eventType: shortNameOf(root.fullName),
    fullName: root.fullName,
    domain: domainOf(root.file),
    file: root.file,
    resolved,
    type,
    canonicalForm,
    fingerprint: fingerprintOfCanonicalForm(canonicalForm),
  };
}
