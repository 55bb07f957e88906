import { BadRequestException, Injectable } from '@nestjs/common';
import { parseProvRef } from '@provenant/contracts';
import type { LineageEdge } from './lineage-graph.repository';
import { validRef, WalkLineageUseCase } from './walk-lineage.usecase';

/** Marquez's namespace for every Provenant node: the PROV reference is the name. */
export const MARQUEZ_NAMESPACE = 'provenant';
/** PROV kinds that are activities (Marquez jobs); every other kind is an entity (a dataset). */
export const JOB_KINDS = new Set([
  'run',
  'materialization',
  'promotion',
  'deployment',
  'check',
  'experiment',
]);

interface MarquezEdge {
  origin: string;
  destination: string;
}
export interface MarquezNode {
  id: string;
  type: 'DATASET' | 'JOB';
  data: Record<string, unknown>;
  inEdges: MarquezEdge[];
  outEdges: MarquezEdge[];
}

/**
 * Nodes recorded from external OpenLineage events keep their own namespace and name: the ref id
 * is `<namespace>:<name>`, so Marquez's id is the type followed by it (`dataset:s3://b:key`).
 */
const OPENLINEAGE_KINDS: Record<string, 'dataset' | 'job'> = { ol_dataset: 'dataset', ol_job: 'job' };

export const marquezId = (ref: string) => {
  const { kind, id } = parseProvRef(ref);
  if (OPENLINEAGE_KINDS[kind]) return `${OPENLINEAGE_KINDS[kind]}:${id}`;
  return `${JOB_KINDS.has(kind) ? 'job' : 'dataset'}:${MARQUEZ_NAMESPACE}:${ref}`;
};

/**
 * `dataset:provenant:<ref>` or `job:provenant:<ref>` → the PROV ref; `dataset:<ns>:<name>` or
 * `job:<ns>:<name>` in any other namespace → the external OpenLineage node; a bare `<kind>:<id>`
 * (any kind but `dataset` and `job`) as it is.
 */
export function refFromNodeId(nodeId: string): string {
  const m = /^(dataset|job):(.+)$/.exec(nodeId);
  if (!m) return validRef(nodeId, 'nodeId');
  if (m[2].startsWith(`${MARQUEZ_NAMESPACE}:`))
    return validRef(m[2].slice(MARQUEZ_NAMESPACE.length + 1), 'nodeId');
  if (!/^[^:]+:.+$/.test(m[2]))
    throw new BadRequestException(`nodeId must be ${m[1]}:<namespace>:<name>, got ${nodeId}`);
  return `ol_${m[1]}:${m[2]}`;
}

/**
 * An external node's namespace and name, for display only (the id is the exact string): the
 * namespace is `scheme://authority` (OpenLineage naming: `postgres://host:5432`, `s3://bucket`)
 * or a word without colons (`file`, `my-scheduler`); the name is the rest.
 */
export function openLineageName(id: string): { namespace: string; name: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/:]*(?::\d+)?|[^:]+):(.*)$/i.exec(id);
  return m ? { namespace: m[1], name: m[2] } : { namespace: id, name: id };
}

/**
 * `GET /api/v1/lineage?nodeId=&depth=` in Marquez's graph shape (reference §2.4): the node's
 * neighbourhood both ways, as DATASET and JOB nodes with in/out edges. Provenant's graph is not
 * bipartite (dataset → dataset edges exist), which Marquez clients render all the same.
 */
@Injectable()
export class MarquezLineageUseCase {
  constructor(private readonly walk: WalkLineageUseCase) {}

  async execute(nodeId: string, depth: number): Promise<{ graph: MarquezNode[] }> {
    const ref = refFromNodeId(nodeId);
    const [up, down] = [
      await this.walk.execute(ref, 'upstream', depth),
      await this.walk.execute(ref, 'downstream', depth),
    ];
    const edges = new Map<string, LineageEdge>();
    for (const e of [...up.edges, ...down.edges]) edges.set(`${e.from}\n${e.to}`, e);
    const nodes = new Map<string, MarquezNode>();
    const at = (r: string) => {
      if (!nodes.has(r)) nodes.set(r, this.nodeOf(r));
      return nodes.get(r)!;
    };
    at(ref);
    for (const e of edges.values()) {
      const edge = { origin: marquezId(e.from), destination: marquezId(e.to) };
      at(e.from).outEdges.push(edge);
      at(e.to).inEdges.push(edge);
    }
    return { graph: [...nodes.values()] };
  }

  private nodeOf(ref: string): MarquezNode {
    const { kind, id: refId } = parseProvRef(ref);
    const external = OPENLINEAGE_KINDS[kind];
    const job = external ? external === 'job' : JOB_KINDS.has(kind);
    const id = external ? openLineageName(refId) : { namespace: MARQUEZ_NAMESPACE, name: ref };
    const { namespace, name } = id;
    return {
      id: marquezId(ref),
      type: job ? 'JOB' : 'DATASET',
      data: job
        ? {
            id,
            type: 'BATCH',
            name,
            simpleName: name,
            namespace,
            facets: { provenant: { kind } },
          }
        : {
            id,
            type: 'DB_TABLE',
            name,
            physicalName: name,
            namespace,
            facets: { provenant: { kind } },
          },
      inEdges: [],
      outEdges: [],
    };
  }
}
