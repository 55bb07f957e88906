/** The node shape of `GET /lineage/prediction/{id}` (services/audit-ledger ProvenanceNode). */
export interface TreeNode {
  ref: string;
  label: string;
  eventId: string | null;
  leafIndex: number | null;
  evidence: { eventType: string; eventId: string; leafIndex: number; actor: string }[];
  facts: Record<string, unknown>;
  children: TreeNode[];
}

const fact = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Renders a provenance tree with box-drawing guides: each node's label, the leaves that assert
 * it (so any line can be proved with `ledger verify --event-id`), then its facts.
 */
export function renderTree(root: TreeNode): string {
  const lines: string[] = [];
  const walk = (n: TreeNode, prefix: string, last: boolean, top: boolean) => {
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    const inner = top ? '' : last ? '   ' : '│  ';
    const proof = n.evidence.length
      ? n.evidence.map((e) => `${e.eventType} leaf ${e.leafIndex}`).join(', ')
      : 'no event of its own';
    lines.push(`${prefix}${branch}${n.label}  [${proof}]`);
    const guide = prefix + inner + (n.children.length ? '│  ' : '   ');
    for (const [k, v] of Object.entries(n.facts)) lines.push(`${guide}${k}: ${fact(v)}`);
    n.children.forEach((c, i) => walk(c, prefix + inner, i === n.children.length - 1, false));
  };
  walk(root, '', true, true);
  return `${lines.join('\n')}\n`;
}
