import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerTables } from '../ledger/ledger-tables';
import { LEDGER_TABLES } from '../ledger/ledger.tokens';

export type Direction = 'upstream' | 'downstream';

export interface LineageEdge {
  /** The thing used (`<kind>:<id>`). */
  from: string;
  /** The thing generated from it. */
  to: string;
  role: string | null;
  /** The first leaf that asserted the edge, and its event: every edge has an inclusion proof. */
  leafIndex: number;
  eventId: string;
  eventType: string;
  /** Hops from the start node to the far end of this edge. */
  depth: number;
}

/** Safety valve: a walk over a hub (a popular dataset's downstream) stops at this many edges. */
export const MAX_EDGES = 10_000;

/**
 * Walks `lineage_edges` in one round trip: a recursive CTE over the (dst, leaf_index) or
 * (src, leaf_index) index. `UNION` (not `UNION ALL`) keeps one row per (node, depth), so cycles
 * and diamonds cost at most nodes × depth rows, never one row per path. Edges asserted by leaves
 * at or beyond `treeSize` are invisible: the graph as of that checkpoint.
 */
@Injectable()
export class LineageGraphRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LEDGER_TABLES) private readonly t: LedgerTables,
  ) {}

  /** The SQL, shared with the benchmark's raw-pg floor so both time the same query. */
  static walkSql(edges: string, leaves: string, direction: Direction): string {
    const [near, far] = direction === 'upstream' ? ['dst', 'src'] : ['src', 'dst'];
    return `
      WITH RECURSIVE walk(node, depth) AS (
        SELECT $1::text, 0
        UNION
        SELECT e.${far}, w.depth + 1
          FROM walk w JOIN ${edges} e ON e.${near} = w.node
         WHERE w.depth < $2 AND e.leaf_index < $3
      ), reached AS (
        SELECT node, min(depth) AS depth FROM walk WHERE depth < $2 GROUP BY node
      ), hop AS (
        SELECT DISTINCT ON (e.src, e.dst) e.src, e.dst, e.role, e.leaf_index, r.depth + 1 AS depth
          FROM reached r JOIN ${edges} e ON e.${near} = r.node
         WHERE e.leaf_index < $3
         ORDER BY e.src, e.dst, e.leaf_index
      )
      SELECT h.src, h.dst, h.role, h.leaf_index, h.depth, l.event_id, l.event_type
        FROM hop h JOIN ${leaves} l ON l.leaf_index = h.leaf_index
       ORDER BY h.depth, h.leaf_index, h.src, h.dst
       LIMIT $4`;
  }

  async walk(
    start: string,
    direction: Direction,
    depth: number,
    treeSize: number,
  ): Promise<{ edges: LineageEdge[]; truncated: boolean }> {
    const rows: any[] = await this.dataSource.query(
      LineageGraphRepository.walkSql(this.t.edges, this.t.leaves, direction),
      [start, depth, treeSize, MAX_EDGES + 1],
    );
    const edges = rows.slice(0, MAX_EDGES).map((r) => ({
      from: r.src,
      to: r.dst,
      role: r.role,
      leafIndex: Number(r.leaf_index),
      eventId: r.event_id,
      eventType: r.event_type,
      depth: r.depth,
    }));
    return { edges, truncated: rows.length > MAX_EDGES };
  }

  /** Whether the ledger knows the node at all (in an edge or as an event's subject) below treeSize. */
  async exists(ref: string, treeSize: number): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM ${this.t.edges} WHERE src = $1 AND leaf_index < $2)
           OR EXISTS (SELECT 1 FROM ${this.t.edges} WHERE dst = $1 AND leaf_index < $2)
           OR EXISTS (SELECT 1 FROM ${this.t.leaves} WHERE subject = $1 AND leaf_index < $2) AS known`,
      [ref, treeSize],
    );
    return row.known;
  }

  /** Leaves whose events generated `ref` (edges into it; events with no `used` leave none). */
  async assertersOf(ref: string, treeSize: number): Promise<number[]> {
    const rows: { leaf_index: string }[] = await this.dataSource.query(
      `SELECT DISTINCT leaf_index FROM ${this.t.edges} WHERE dst = $1 AND leaf_index < $2 ORDER BY leaf_index`,
      [ref, treeSize],
    );
    return rows.map((r) => Number(r.leaf_index));
  }
}
