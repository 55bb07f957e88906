/** A report as sections of text and tables, so Markdown and HTML render the same content. */
export interface Section {
  title: string;
  lines: string[];
  table?: { head: string[]; rows: string[][] };
}

export interface ReportDocument {
  title: string;
  sections: Section[];
}

interface Claim {
  leafIndex: number;
  eventType: string;
}

const cite = (c: Claim | null | undefined) => (c ? `leaf ${c.leafIndex} (${c.eventType})` : '—');
const cites = (cs: Claim[]) => (cs.length ? cs.map(cite).join(', ') : '—');
const kv = (o: Record<string, unknown> | null | undefined) =>
  Object.entries(o ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || '—';

/** `GET /reports/models/{name}/{version}` → the document every format renders. */
export function reportDocument(r: any): ReportDocument {
  const env = r.environment;
  const sections: Section[] = [
    {
      title: 'Model',
      lines: [
        `${r.model.name} version ${r.model.version}, registered by ${r.model.registeredBy} — ${cite(r.model.claim)}`,
        `artifact: ${r.model.artifactDigest ?? '—'}; source: ${r.model.source ?? '—'}`,
        `Proved against the checkpoint at tree size ${r.checkpoint.treeSize}, root ${r.checkpoint.rootHash}.`,
      ],
    },
    {
      title: 'Data',
      lines: r.data.length ? [] : ['No training data recorded.'],
      table: {
        head: ['dataset', 'digest', 'role', 'training set / feature views', 'evidence'],
        rows: r.data.map((d: any) => [
          `${d.name}${d.datasetVersion ? ` v${d.datasetVersion}` : ''}`,
          d.digest,
          d.context ?? '',
          [d.trainingSetId, ...d.featureViews].filter(Boolean).join(', '),
          cites(d.claims),
        ]),
      },
    },
    {
      title: 'Code',
      lines: r.code
        ? [
            `commit ${r.code.commit}${r.code.dirty ? ' (dirty)' : ''} of ${r.code.repoUrl ?? 'an unnamed repository'}${r.code.branch ? ` on ${r.code.branch}` : ''} — ${cite(r.code.claim)}`,
          ]
        : ['No code commit recorded.'],
    },
    {
      title: 'Environment',
      lines: env
        ? [
            `fingerprint ${env.fingerprint}: ${env.os ?? '?'} ${env.arch ?? ''}; runtimes ${kv(env.runtimes)} — ${cites(env.claims)}`,
            env.production
              ? `against ${env.production.reference} (${env.production.referenceFingerprint ?? '?'}): ${env.production.verdict} — ${cite(env.production.claim)}`
              : 'Never verified against production.',
          ]
        : ['No environment fingerprint recorded.'],
      table: env?.production?.differences.length
        ? {
            head: ['component', 'path', 'expected (production)', 'actual', 'severity'],
            rows: env.production.differences.map((d: any) => [
              d.component,
              d.path,
              d.expected ?? '',
              d.actual ?? '',
              d.severity,
            ]),
          }
        : undefined,
    },
    {
      title: 'Params and metrics',
      lines: r.training
        ? [
            `run ${r.training.runId} (${r.training.status ?? 'not completed'}) — ${cites(r.training.claims)}`,
            `params: ${kv(r.training.params)}`,
            `metrics: ${kv(r.training.metrics)}`,
          ]
        : ['No training run recorded.'],
    },
    {
      title: 'Promotions and approvers',
      lines: r.promotions.length ? [] : ['No promotion decided.'],
      table: {
        head: ['promotion', 'target', 'decision', 'decided by, at', 'approvers', 'evidence'],
        rows: r.promotions.map((p: any) => [
          p.promotionId,
          p.target,
          p.decision,
          `${p.decidedBy}, ${p.decidedAt}`,
          p.approvals.map((a: any) => `${a.principal} (${a.role}) ${a.approvedAt}`).join('; ') || '—',
          cite(p.claim),
        ]),
      },
    },
    {
      title: 'Model card',
      lines: r.modelCard
        ? [
            `revision ${r.modelCard.revision} (${r.modelCard.cardSchema}), digest ${r.modelCard.cardDigest} — ${cite(r.modelCard.claim)}`,
            JSON.stringify(r.modelCard.card),
          ]
        : ['No model card published.'],
    },
    {
      title: 'EU AI Act Annex IV coverage',
      lines: [],
      table: {
        head: ['item', 'requirement', 'coverage', 'evidence'],
        rows: r.annexIV.map((a: any) => [a.item, a.title, a.coverage, a.evidence]),
      },
    },
    {
      title: 'Proofs',
      lines: [
        `Checkpoint (verify with \`npx provenant ledger verify --key <public key> --checkpoint <this note>\`):`,
        r.checkpoint.note,
      ],
      table: {
        head: ['leaf', 'leaf hash', 'inclusion proof (RFC 9162, hex)'],
        rows: Object.entries(r.proofs).map(([leaf, p]: [string, any]) => [
          leaf,
          p?.leafHash ?? '—',
          p ? p.hashes.join(' ') : 'not yet checkpointed',
        ]),
      },
    },
  ];
  if (r.missing.length) sections.push({ title: 'Missing from the ledger', lines: r.missing });
  return { title: `Reproducibility report: ${r.model.name} v${r.model.version}`, sections };
}
