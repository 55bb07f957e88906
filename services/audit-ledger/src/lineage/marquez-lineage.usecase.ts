import { BadRequestException, Injectable } from '@nestjs/common';
import { parseProvRef } from '@provenant/contracts';
import type { LineageEdge } from './lineage-graph.repository';
import { validRef, WalkLineageUseCase } from './walk-lineage.usecase';

/** Marquez's namespace for every Provenant node: the PROV reference is the name. */
export const MARQUEZ_NAMESPACE = 'provenant';
/** PROV kinds that are activities (Marquez jobs); every other kind is an entity (a dataset). */
const JOB_KINDS = new Set(['run', 'materialization', 'promotion', 'deployment', 'check', 'experiment']);

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

export const marquezId = (ref: string) =>
  `${JOB_KINDS.has(parseProvRef(ref).kind) ? 'job' : 'dataset'}:${MARQUEZ_NAMESPACE}:${ref}`;

/** `dataset:provenant:<ref>`, `job:provenant:<ref>` or a bare `<kind>:<id>` → the PROV ref. */
export function refFromNodeId(nodeId: string): string {
  const m = /^(dataset|job):([^:]+):(.+)$/.exec(nodeId);
  if (m && m[2] !== MARQUEZ_NAMESPACE)
    throw new BadRequestException(`nodeId namespace must be ${MARQUEZ_NAMESPACE}, got ${m[2]}`);
  return validRef(m ? m[3] : nodeId, 'nodeId');
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
    const { kind } = parseProvRef(ref);
    const job = JOB_KINDS.has(kind);
    const id = { namespace: MARQUEZ_NAMESPACE, name: ref };
    return {
      id: marquezId(ref),
      type: job ? 'JOB' : 'DATASET',
      data: job
        ? {
            id,
            type: 'BATCH',
            name: ref,
            simpleName: ref,
            namespace: MARQUEZ_NAMESPACE,
            facets: { provenant: { kind } },
          }
        : {
            id,
            type: 'DB_TABLE',
            name: ref,
            physicalName: ref,
            namespace: MARQUEZ_NAMESPACE,
            facets: { provenant: { kind } },
          },
      inEdges: [],
      outEdges: [],
    };
  }
}
