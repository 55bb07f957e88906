import * as avro from 'avsc';
import { AvroObject, fieldsOf } from '../model/avro-json';
import { SchemaSet } from '../model/schema-set';
import { WriterHistory } from '../model/writer-history';
import { explainResolution } from './resolution-diagnosis';

export interface CompatibilityReport {
  /** Event types present in both sets, each checked in both directions. */
  readonly checked: string[];
  readonly added: string[];
  /** Problems, each naming the event and the field. */
  readonly problems: string[];
}

/**
 * The compatibility gate: every event of `head` must be backward AND forward compatible with its
 * version in `base` (DESIGN.md §2), EventMeta may only grow at its end, and every writer schema in
 * the history must stay readable by the current schema.
 */
export function compareSchemaSets(
  base: SchemaSet,
  head: SchemaSet,
  history: WriterHistory = {},
): CompatibilityReport {
  const problems: string[] = [];
  const checked: string[] = [];
  const headByType = new Map(head.events.map((event) => [event.eventType, event]));
  const baseTypes = new Set(base.events.map((event) => event.eventType));
  for (const old of base.events) {
    const current = headByType.get(old.eventType);
    if (!current) {
      problems.push(
        `${old.eventType}: removed; messages and consumers still use it (a breaking change is a new event name)`,
      );
      continue;
    }
    checked.push(old.eventType);
    for (const message of explainResolution(current.type, old.type, old.eventType, 'backward'))
      problems.push(`backward: ${message}`);
    for (const message of explainResolution(old.type, current.type, old.eventType, 'forward'))
      problems.push(`forward: ${message}`);
  }
  problems.push(...checkEventMetaPrefix(base.eventMeta, head.eventMeta));
  const baseFingerprints = new Set(base.events.map((event) => event.fingerprint.hex));
  for (const event of head.events) {
    for (const [hex, canonicalForm] of Object.entries(history[event.eventType] ?? {})) {
      if (baseFingerprints.has(hex)) continue; // already reported above against the base
      const writer = avro.Type.forSchema(JSON.parse(canonicalForm) as avro.Schema);
      for (const message of explainResolution(event.type, writer, event.eventType, 'backward')) {
        problems.push(
          `history ${hex}: ${message} (remove the entry from schemas/writer-history.json only if that version was never released)`,
        );
      }
    }
  }
  const added = head.events.map((event) => event.eventType).filter((eventType) => !baseTypes.has(eventType));
  return { checked, added, problems };
}

/**
 * Readers that do not know an event's schema read EventMeta as a prefix of the datum, so the
 * fields it had must keep their place and type; new fields may only be appended.
 */
function checkEventMetaPrefix(base: AvroObject, head: AvroObject): string[] {
  const baseFields = fieldsOf(base);
  const prefix = { ...head, fields: fieldsOf(head).slice(0, baseFields.length) };
  const canonical = (schema: AvroObject): string =>
    JSON.stringify(avro.Type.forSchema(schema as avro.Schema).schema());
  if (canonical(prefix) === canonical(base)) return [];
  const names = fieldsOf(head)
    .map((field) => field.name)
    .join(', ');
  return [
    `EventMeta: its existing fields (${baseFields.map((field) => field.name).join(', ')}) must keep their order and types; new fields go at the end (now: ${names})`,
  ];
}
