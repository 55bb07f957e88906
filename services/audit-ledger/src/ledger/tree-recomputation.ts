import {
  CompactRange,
  hashLeaf,
  noteVerifierFromKey,
  openNote,
  parseCheckpoint,
  type NoteSigner,
} from '@provenant/merkle';
import type { ViolationKind } from '@provenant/contracts';
import type { LedgerTables, Sql } from './ledger-tables';
import type { CheckpointRepository, StoredCheckpoint } from './checkpoint.repository';

export interface Violation {
  kind: Exclude<ViolationKind, 'UNKNOWN'>;
  firstBadIndex: number | null;
  expected: string | null;
  actual: string | null;
  detail: string;
}

const PAGE = 4096;
const hex = (b: Buffer) => b.toString('hex');

/**
 * Recomputes the whole tree from the leaf bytes, page by page, and compares every stored leaf
 * hash, every stored node and every signed checkpoint against it. Returns the first violation in
 * leaf order, or null. Stored values are what the log committed to ("expected"); recomputed values
 * are what the data now says ("actual").
 */
export class TreeRecomputation {
  private readonly range = CompactRange.empty();
  private lastGoodCheckpoint = 0;

  constructor(
    private readonly sql: Sql,
    private readonly t: LedgerTables,
    private readonly checkpoints: CheckpointRepository,
    private readonly signer: NoteSigner,
  ) {}

  async run(treeSize: number): Promise<Violation | null> {
    const zero = await this.checkpoints.at(0, this.sql);
    if (zero) {
      const v = this.checkCheckpoint(zero);
      if (v) return v;
    }
    for (let start = 0; start < treeSize; start += PAGE) {
      const v = await this.page(start, Math.min(start + PAGE, treeSize));
      if (v) return v;
    }
    const [beyond] = await this.sql.query(`SELECT max(tree_size) AS n FROM ${this.t.checkpoints}`);
    if (beyond.n !== null && Number(beyond.n) > treeSize)
      return {
        kind: 'INCONSISTENT_CHECKPOINT',
        firstBadIndex: treeSize,
        expected: String(beyond.n),
        actual: String(treeSize),
        detail: `a checkpoint covers ${beyond.n} leaves but only ${treeSize} are stored: leaves were removed`,
      };
    return null;
  }

  private async page(start: number, end: number): Promise<Violation | null> {
    const leaves: { leaf_index: string; leaf: Buffer; leaf_hash: Buffer }[] = await this.sql.query(
      `SELECT leaf_index, leaf, leaf_hash FROM ${this.t.leaves} WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
      [start, end],
    );
    const nodes = await this.nodesCompletedIn(start, end);
    const checkpoints = await this.checkpoints.between(start, end, this.sql);
    for (let i = start, row = 0; i < end; i++, row++) {
      const leaf = leaves[row];
      if (!leaf || Number(leaf.leaf_index) !== i)
        return {
          kind: 'MISSING_ENTRY',
          firstBadIndex: i,
          expected: null,
          actual: null,
          detail: `leaf ${i} is missing`,
        };
      const recomputed = hashLeaf(leaf.leaf);
      if (!recomputed.equals(leaf.leaf_hash))
        return {
          kind: 'LEAF_HASH_MISMATCH',
          firstBadIndex: i,
          expected: hex(leaf.leaf_hash),
          actual: hex(recomputed),
          detail: `leaf ${i}'s bytes no longer hash to its recorded leaf hash`,
        };
      for (const node of this.range.append(recomputed)) {
        const stored = nodes.get(`${node.level}/${node.index}`);
        const first = node.index * 2 ** node.level;
        if (!stored || !stored.equals(node.hash))
          return {
            kind: stored ? 'NODE_HASH_MISMATCH' : 'MISSING_ENTRY',
            firstBadIndex: first,
            expected: stored ? hex(stored) : null,
            actual: hex(node.hash),
            detail: `stored node over leaves ${first}..${first + 2 ** node.level - 1} ${stored ? 'differs from' : 'is missing;'} the recomputation`,
          };
      }
      if (checkpoints[0]?.treeSize === i + 1) {
        const v = this.checkCheckpoint(checkpoints.shift()!);
        if (v) return v;
      }
    }
    return null;
  }

  private checkCheckpoint(c: StoredCheckpoint): Violation | null {
    const root = this.range.root();
    let body;
    try {
      body = parseCheckpoint(openNote(c.note, noteVerifierFromKey(this.signer.verifierKey)));
    } catch (err) {
      return {
        kind: 'BAD_SIGNATURE',
        firstBadIndex: null,
        expected: null,
        actual: null,
        detail: `checkpoint at ${c.treeSize}: ${(err as Error).message}`,
      };
    }
    if (body.treeSize !== c.treeSize || !body.rootHash.equals(c.rootHash) || !root.equals(c.rootHash))
      return {
        kind: 'ROOT_MISMATCH',
        // Everything up to the last checkpoint that matched is proven good; the change is after it.
        firstBadIndex: this.lastGoodCheckpoint,
        expected: hex(body.rootHash),
        actual: hex(root),
        detail: `recomputed root at tree size ${c.treeSize} differs from the signed checkpoint`,
      };
    this.lastGoodCheckpoint = c.treeSize;
    return null;
  }

  /** Stored nodes whose last leaf lies in [start, end): exactly those completed by this page. */
  private async nodesCompletedIn(start: number, end: number): Promise<Map<string, Buffer>> {
    const levels: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    for (let level = 1; 2 ** level <= end; level++) {
      const width = 2 ** level;
      levels.push(level);
      lo.push(Math.ceil((start + 1) / width) - 1);
      hi.push(Math.floor(end / width) - 1);
    }
    if (levels.length === 0) return new Map();
    const rows: { level: number; idx: string; hash: Buffer }[] = await this.sql.query(
      `SELECT n.level, n.idx, n.hash FROM ${this.t.nodes} n
         JOIN unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS r(level, lo, hi)
           ON n.level = r.level AND n.idx BETWEEN r.lo AND r.hi`,
      [levels, lo, hi],
    );
    return new Map(rows.map((r) => [`${r.level}/${Number(r.idx)}`, r.hash]));
  }
}
