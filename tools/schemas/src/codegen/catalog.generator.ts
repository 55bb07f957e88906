import { ceTypeOf, TopicMap } from '../model/topic-map';
import { SchemaSet } from '../model/schema-set';
import { WriterHistory } from '../model/writer-history';
import { GENERATED_HEADER, quote } from './generated-header';

const list = (values: readonly string[]): string => `[${values.map(quote).join(', ')}]`;

/** `event-map.ts`: the EventType union, the event interfaces by type, and the union of all events. */
export function generateEventMap(set: SchemaSet): string {
  const byDomain = new Map<string, string[]>();
  for (const event of set.events)
    byDomain.set(event.domain, [...(byDomain.get(event.domain) ?? []), event.eventType]);
  const imports = [...byDomain.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, names]) => `import type { ${names.join(', ')} } from './${domain}.types';`);
  return [
    GENERATED_HEADER,
    ...imports,
    '',
    '/** Every event type, sorted. */',
    `export const EVENT_TYPES = ${list(set.events.map((event) => event.eventType))} as const;`,
    '',
    'export type EventType = (typeof EVENT_TYPES)[number];',
    '',
    '/** Event type → the interface of its payload. */',
    'export interface EventMap {',
    ...set.events.map((event) => `  ${event.eventType}: ${event.eventType};`),
    '}',
    '',
    '/** Any event payload. */',
    'export type ProvenantEvent = EventMap[EventType];',
    '',
    '/** An event with its type, discriminated on `eventType`. */',
    'export type TypedEvent = { [K in EventType]: { readonly eventType: K; readonly value: EventMap[K] } }[EventType];',
    '',
  ].join('\n');
}

/** `event-catalog.ts`: topics, services, and per event its topic, CloudEvents type, producer and consumers. */
export function generateEventCatalog(set: SchemaSet, topics: TopicMap): string {
  const topicNames = Object.keys(topics.topics).sort();
  const eventsOf = (topic: string): string[] =>
    set.events
      .filter((event) => topics.events[event.eventType].topic === topic)
      .map((event) => event.eventType);
  const entries = set.events.flatMap((event) => {
    const entry = topics.events[event.eventType];
    return [
      `  ${event.eventType}: {`,
      `    topic: ${quote(entry.topic)},`,
      `    ceType: ${quote(ceTypeOf(event.eventType, entry.topic))},`,
      `    producer: ${quote(entry.producer)},`,
      `    consumers: ${list(entry.consumers)},`,
      `    subjectKind: ${quote(entry.subjectKind)},`,
      `    schemaFile: ${quote(event.file)},`,
      `    fullName: ${quote(event.fullName)},`,
      '  },',
    ];
  });
  return [
    GENERATED_HEADER,
    "import type { EventType } from './event-map';",
    '',
    `export const TOPICS = ${list(topicNames)} as const;`,
    'export type Topic = (typeof TOPICS)[number];',
    '',
    '/** Services that produce or consume events; `sdk` stands for user pipelines. */',
    `export const SERVICES = ${list(topics.services)} as const;`,
    'export type ServiceName = (typeof SERVICES)[number];',
    '',
    '/** Topic → the event types it may carry. */',
    'export const TOPIC_EVENT_TYPES: { readonly [T in Topic]: readonly EventType[] } = {',
    ...topicNames.map((topic) => `  ${quote(topic)}: ${list(eventsOf(topic))},`),
    '};',
    '',
    'export interface EventCatalogEntry {',
    '  readonly topic: Topic;',
    '  /** CloudEvents `type`: io.provenant.<domain>.<EventType>.v<topic version>. */',
    '  readonly ceType: string;',
    '  readonly producer: ServiceName;',
    '  readonly consumers: readonly ServiceName[];',
    '  /** Kind of `meta.subject`; its id is the Kafka key. */',
    '  readonly subjectKind: string;',
    '  readonly schemaFile: string;',
    '  readonly fullName: string;',
    '}',
    '',
    'export const EVENT_CATALOG: { readonly [E in EventType]: EventCatalogEntry } = {',
    ...entries,
    '};',
    '',
    '/** Event type → its topic. */',
    'export const EVENT_TOPIC: { readonly [E in EventType]: Topic } = {',
    ...set.events.map((event) => `  ${event.eventType}: ${quote(topics.events[event.eventType].topic)},`),
    '};',
    '',
  ].join('\n');
}

/** `event-schemas.ts`: reader schemas (docs stripped) and every known writer schema. */
export function generateEventSchemas(set: SchemaSet, history: WriterHistory): string {
  // One line per schema: this is data for the codec; people read the .avsc files.
  const json = (value: unknown): string => JSON.stringify(stripDocs(value));
  const writers = Object.keys(history)
    .sort()
    .flatMap((eventType) =>
      Object.keys(history[eventType])
        .sort()
        .map(
          (hex) =>
            `  { eventType: ${quote(eventType)}, fingerprint: ${quote(hex)}, canonicalForm: ${quote(history[eventType][hex])} },`,
        ),
    );
  return [
    GENERATED_HEADER,
    "import type { EventType } from './event-map';",
    '',
    'export type AvroSchemaJson = Readonly<Record<string, unknown>>;',
    '',
    '/** Current schema of each event, self-contained (named types resolved), docs stripped: the reader schemas. */',
    'export const EVENT_SCHEMAS: { readonly [E in EventType]: AvroSchemaJson } = {',
    ...set.events.map((event) => `  ${event.eventType}: ${json(event.resolved)},`),
    '};',
    '',
    '/** EventMeta alone, for reading the metadata prefix of events whose schema is unknown. */',
    `export const EVENT_META_SCHEMA: AvroSchemaJson = ${json(set.eventMeta)};`,
    '',
    'export interface WriterSchema {',
    '  readonly eventType: string;',
    '  /** CRC-64-AVRO fingerprint, little-endian hex, as in the message header. */',
    '  readonly fingerprint: string;',
    '  /** Parsing Canonical Form, from schemas/writer-history.json. */',
    '  readonly canonicalForm: string;',
    '}',
    '',
    '/** Every writer schema each event has had, current ones included. */',
    'export const WRITER_SCHEMAS: readonly WriterSchema[] = [',
    ...writers,
    '];',
    '',
  ].join('\n');
}

function stripDocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    if (key !== 'doc') out[key] = key === 'default' ? inner : stripDocs(inner);
  return out;
}
