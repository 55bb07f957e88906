import { Injectable } from '@nestjs/common';
import { formatProvRef } from '@provenant/contracts';
import { LeafEventReader, type LeafEvent } from '../lineage/leaf-event-reader';
import { micros, plain } from '../lineage/provenance-node';
import type { AuditTrailQuery } from './audit-trail.dto';
import { ProofBundler, type LeafProof, type ProofBundle } from './proof-bundle';

export interface TrailEntry {
  leafIndex: number;
  eventId: string;
  eventType: string;
  occurredAt: string;
  actor: { principal: string; kind: string; roles: string[] };
  producer: string;
  correlationId: string;
  causationId: string | null;
  subject: string;
  used: string[];
  generated: string[];
  /** The event's own fields (meta aside), when this build knows its schema. */
  event: Record<string, unknown> | null;
  /** With `proofs=true`: the leaf bytes (base64) and its inclusion proof (null if not yet checkpointed). */
  leaf?: string;
  proof?: LeafProof | null;
}

export interface AuditTrail {
  subject: string;
  entries: TrailEntry[];
  /** Pass as `after` for the next page; null on the last one. */
  next: number | null;
  checkpoint?: ProofBundle['checkpoint'];
}

/** Everything that happened to one subject, in log order (which is its partition's order), with who did it. */
@Injectable()
export class AuditTrailUseCase {
  constructor(
    private readonly events: LeafEventReader,
    private readonly proofs: ProofBundler,
  ) {}

  async execute(q: AuditTrailQuery): Promise<AuditTrail> {
    const subject = `${q.kind}:${q.id}`;
    const size = await this.events.treeSize();
    const page = await this.events.bySubject(subject, size, { after: q.after, limit: q.limit + 1 });
    const events = page.slice(0, q.limit);
    const next = page.length > q.limit ? events[events.length - 1].leafIndex : null;
    const entries = events.map(toEntry);
    if (!q.proofs) return { subject, entries, next };
    const bundle = await this.proofs.prove(events);
    entries.forEach((entry, i) => {
      entry.leaf = events[i].leaf.toString('base64');
      entry.proof = bundle.proofs.get(entry.leafIndex) ?? null;
    });
    return { subject, entries, next, checkpoint: bundle.checkpoint };
  }
}

function toEntry(e: LeafEvent): TrailEntry {
  const { meta, ...fields } = (e.value ?? {}) as Record<string, unknown>;
  void meta;
  return {
    leafIndex: e.leafIndex,
    eventId: e.eventId,
    eventType: e.eventType,
    occurredAt: micros(e.occurredAt)!,
    actor: { principal: e.meta.actor.principal, kind: e.meta.actor.kind, roles: [...e.meta.actor.roles] },
    producer: e.meta.producer.service,
    correlationId: e.meta.correlationId,
    causationId: e.meta.causationId,
    subject: formatProvRef(e.meta.subject),
    used: e.meta.used.map(formatProvRef),
    generated: e.meta.generated.map(formatProvRef),
    event: e.value ? (plain(fields) as Record<string, unknown>) : null,
  };
}
