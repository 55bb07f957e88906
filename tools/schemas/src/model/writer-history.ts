import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintOfCanonicalForm } from '@provenant/events';
import { SchemaSet } from './schema-set';

/**
 * Every writer schema an event type has ever had, by fingerprint, as its Parsing Canonical Form.
 * Consumers need the writer's schema to decode a message (Avro spec, "Schema Resolution"), and
 * messages written with an old version stay in Kafka (and get replayed) long after the schema
 * moved on, so old versions are never dropped. The canonical form is enough: resolution takes
 * defaults and aliases from the reader's schema, and the form is exactly what was fingerprinted.
 * `npm run schemas:gen` adds the current version of each event; nothing removes one.
 */
export type WriterHistory = Record<string, Record<string, string>>;

export const WRITER_HISTORY_PATH = 'schemas/writer-history.json';

const COMMENT =
  'Every writer schema each event has had, as fingerprint (CRC-64-AVRO, little-endian hex) → Parsing ' +
  'Canonical Form. Appended by `npm run schemas:gen`; never remove a released version, or its ' +
  'messages become undecodable. A version that was never released may be removed by hand.';

export function readWriterHistory(repoRoot: string): WriterHistory {
  const path = join(repoRoot, WRITER_HISTORY_PATH);
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { writers?: WriterHistory };
  return parsed.writers ?? {};
}

export function withCurrentVersions(history: WriterHistory, set: SchemaSet): WriterHistory {
  const merged: WriterHistory = {};
  for (const [eventType, versions] of Object.entries(history)) merged[eventType] = { ...versions };
  for (const event of set.events) {
    merged[event.eventType] = { ...merged[event.eventType], [event.fingerprint.hex]: event.canonicalForm };
  }
  return merged;
}

/** Problems such as an entry whose key is not the fingerprint of its canonical form. */
export function verifyWriterHistory(history: WriterHistory): string[] {
  const problems: string[] = [];
  for (const [eventType, versions] of Object.entries(history)) {
    for (const [hex, canonicalForm] of Object.entries(versions)) {
      const actual = fingerprintOfCanonicalForm(canonicalForm).hex;
      if (actual !== hex)
        problems.push(`${WRITER_HISTORY_PATH}: ${eventType} entry ${hex} has fingerprint ${actual}`);
    }
  }
  return problems;
}

export function renderWriterHistory(history: WriterHistory): string {
  const writers: WriterHistory = {};
  for (const eventType of Object.keys(history).sort()) {
    writers[eventType] = {};
    for (const hex of Object.keys(history[eventType]).sort())
      writers[eventType][hex] = history[eventType][hex];
  }
  return `${JSON.stringify({ $comment: COMMENT, writers }, null, 2)}\n`;
}
