import { formatRfc3339Micros } from '@provenant/contracts';
import type { LeafEvent } from './leaf-event-reader';

/** An event that asserts a node, by the leaf that holds it (so it has an inclusion proof). */
export interface Evidence {
  eventType: string;
  eventId: string;
  leafIndex: number;
  occurredAt: string;
  actor: string;
}

/** One node of a provenance tree: a PROV thing, the events that assert it, its facts. */
export interface ProvenanceNode {
  ref: string;
  label: string;
  /** The first asserting event (also evidence[0]); null when no recorded event asserts the node. */
  eventId: string | null;
  leafIndex: number | null;
  evidence: Evidence[];
  facts: Record<string, unknown>;
  children: ProvenanceNode[];
}

export function evidenceOf(e: LeafEvent): Evidence {
  return {
    eventType: e.eventType,
    eventId: e.eventId,
    leafIndex: e.leafIndex,
    occurredAt: formatRfc3339Micros(e.occurredAt),
    actor: e.meta.actor.principal,
  };
}

export function node(
  ref: string,
  label: string,
  events: (LeafEvent | null | undefined)[],
  facts: Record<string, unknown> = {},
  children: ProvenanceNode[] = [],
): ProvenanceNode {
  const evidence = events.filter((e): e is LeafEvent => !!e).map(evidenceOf);
  const cleanFacts = Object.fromEntries(
    Object.entries(facts)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, plain(v)]),
  );
  return {
    ref,
    label,
    eventId: evidence[0]?.eventId ?? null,
    leafIndex: evidence[0]?.leafIndex ?? null,
    evidence,
    facts: cleanFacts,
    children,
  };
}

const UNION_BRANCHES = new Set(['boolean', 'int', 'long', 'float', 'double', 'string', 'bytes', 'array']);

/**
 * A decoded Avro value as plain JSON: union branches (`{"double": 0.93}`) unwrapped, bytes as
 * base64, maps as objects; what a reader of the tree expects to see.
 */
export function plain(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 1 && UNION_BRANCHES.has(entries[0][0])) return plain(entries[0][1]);
    return Object.fromEntries(entries.map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

export const micros = (t: number | null | undefined) =>
  t === null || t === undefined ? null : formatRfc3339Micros(t);
