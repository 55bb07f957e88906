import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { parseProvRef } from '@provenant/contracts';
import { LeafEventReader } from './leaf-event-reader';
import { LineageGraphRepository, type Direction, type LineageEdge } from './lineage-graph.repository';

export interface LineageNode {
  ref: string;
  kind: string;
  id: string;
  /** Fewest hops from the start node. */
  depth: number;
}

export interface LineageAnswer {
  ref: string;
  direction: Direction;
  depth: number;
  treeSize: number;
  nodes: LineageNode[];
  edges: LineageEdge[];
  truncated: boolean;
}

/** Validates a `<kind>:<id>` reference, naming the parameter it came in. */
export function validRef(text: string, param = 'ref'): string {
  try {
    const { kind, id } = parseProvRef(text);
    if (!/^[a-z][a-z0-9_]*$/.test(kind)) throw new RangeError(`bad kind ${JSON.stringify(kind)}`);
    return `${kind}:${id}`;
  } catch (err) {
    throw new BadRequestException(`${param} must be a <kind>:<id> reference (${(err as Error).message})`);
  }
}

/** Upstream (what it came from) or downstream (what came of it), as of a tree size. */
@Injectable()
export class WalkLineageUseCase {
  constructor(
    private readonly graph: LineageGraphRepository,
    private readonly events: LeafEventReader,
  ) {}

  async execute(rawRef: string, direction: Direction, depth: number, asOf?: number): Promise<LineageAnswer> {
    const ref = validRef(rawRef);
    const treeSize = await this.resolveTreeSize(asOf);
    const { edges, truncated } = await this.graph.walk(ref, direction, depth, treeSize);
    // Only an empty answer needs the existence check: one round trip fewer on the common path.
    if (edges.length === 0 && !(await this.graph.exists(ref, treeSize)))
      throw new NotFoundException(`the ledger knows nothing of ${ref} (as of tree size ${treeSize})`);
    const nodes = new Map<string, LineageNode>([[ref, { ref, ...parseProvRef(ref), depth: 0 }]]);
    for (const e of edges) {
      const far = direction === 'upstream' ? e.from : e.to;
      if (!nodes.has(far)) nodes.set(far, { ref: far, ...parseProvRef(far), depth: e.depth });
    }
    return { ref, direction, depth, treeSize, nodes: [...nodes.values()], edges, truncated };
  }

  async resolveTreeSize(asOf: number | undefined): Promise<number> {
    const size = await this.events.treeSize();
    if (asOf === undefined) return size;
    if (asOf > size) throw new BadRequestException(`treeSize ${asOf} exceeds the tree size ${size}`);
    return asOf;
  }
}
