import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaSet } from './schema-set';

/** `schemas/topics.json`: which topic carries which event, who produces and consumes it. */
export interface TopicMap {
  readonly conventions: Readonly<Record<string, string>>;
  readonly services: readonly string[];
  readonly topics: Readonly<Record<string, { readonly domain: string; readonly doc: string }>>;
  readonly events: Readonly<Record<string, TopicMapEvent>>;
}

export interface TopicMapEvent {
  readonly topic: string;
  readonly producer: string;
  readonly consumers: readonly string[];
  readonly subjectKind: string;
}

export const TOPIC_MAP_PATH = 'schemas/topics.json';
const TOPIC_NAME = /^provenant\.([a-z][a-z-]*)\.v(\d+)$/;

export function readTopicMap(repoRoot: string): TopicMap {
  return JSON.parse(readFileSync(join(repoRoot, TOPIC_MAP_PATH), 'utf8')) as TopicMap;
}

/** `provenant.runs.v1` → `{domain: 'runs', version: 1}`. */
export function parseTopicName(topic: string): { domain: string; version: number } | undefined {
  const match = TOPIC_NAME.exec(topic);
  return match ? { domain: match[1], version: Number(match[2]) } : undefined;
}

/** CloudEvents `type` of an event: `io.provenant.<domain>.<EventType>.v<topic version>`. */
export function ceTypeOf(eventType: string, topic: string): string {
  const parsed = parseTopicName(topic);
  if (!parsed) throw new Error(`not a Provenant topic name: ${topic}`);
  return `io.provenant.${parsed.domain}.${eventType}.v${parsed.version}`;
}

/** Problems that make the map and the schemas disagree; empty when they agree. */
export function validateTopicMap(map: TopicMap, schemas: SchemaSet): string[] {
  const problems: string[] = [];
  const services = new Set(map.services);
  for (const [topic, { domain }] of Object.entries(map.topics)) {
    const parsed = parseTopicName(topic);
    if (!parsed) problems.push(`${TOPIC_MAP_PATH}: topic ${topic} is not named provenant.<domain>.v<N>`);
    else if (parsed.domain !== domain)
      problems.push(`${TOPIC_MAP_PATH}: topic ${topic} declares domain ${domain}`);
  }
  const known = new Map(schemas.events.map((event) => [event.eventType, event]));
  for (const [eventType, entry] of Object.entries(map.events)) {
    const schema = known.get(eventType);
    const topic = map.topics[entry.topic];
    if (!schema)
      problems.push(
        `${TOPIC_MAP_PATH}: ${eventType} has no schema (expected schemas/<domain>/${eventType}.avsc)`,
      );
    if (!topic) problems.push(`${TOPIC_MAP_PATH}: ${eventType} names unknown topic ${entry.topic}`);
    if (schema && topic && schema.domain !== topic.domain) {
      problems.push(
        `${schema.file}: lives in schemas/${schema.domain}/ but its topic ${entry.topic} is domain ${topic.domain}`,
      );
    }
    for (const service of [entry.producer, ...entry.consumers]) {
      if (!services.has(service))
        problems.push(`${TOPIC_MAP_PATH}: ${eventType} names unknown service ${service}`);
    }
  }
  for (const event of schemas.events) {
    if (!map.events[event.eventType])
      problems.push(`${event.file}: event ${event.eventType} is missing from ${TOPIC_MAP_PATH}`);
  }
  return problems;
}
