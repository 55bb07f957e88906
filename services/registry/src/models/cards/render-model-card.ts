import type { ModelCard } from './model-card.schema';

const bullets = (xs: string[], none = '_Not stated._') =>
  xs.length ? xs.map((x) => `- ${x}`).join('\n') : none;
const yamlString = (s: string) => JSON.stringify(s);

/**
 * Markdown in Hugging Face's layout: YAML metadata (license, datasets, metrics as model-index
 * results) up front, then the Model Card Toolkit sections.
 */
export function renderModelCard(c: ModelCard, revision: number): string {
  const d = c.modelDetails;
  const meta = [
    '---',
    ...(d.license ? [`license: ${yamlString(d.license)}`] : []),
    ...(c.trainingData.length
      ? ['datasets:', ...c.trainingData.map((t) => `  - ${yamlString(`${t.name}@${t.digest}`)}`)]
      : []),
    'model-index:',
    `  - name: ${yamlString(`${d.name}/${d.version}`)}`,
    '    results:',
    '      - metrics:',
    ...(c.metrics.length
      ? c.metrics.map(
          (m) =>
            `          - { name: ${yamlString(m.name)}, type: ${yamlString(m.name)}, value: ${m.value} }`,
        )
      : ['          []']),
    '---',
  ];
  const table = (rows: [string, string][]) =>
    ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  return [
    ...meta,
    `# Model card: ${d.name} v${d.version} (revision ${revision})`,
    d.description ?? '',
    '## Model details',
    table([
      ['Owners', d.owners.join(', ') || '-'],
      ['License', d.license ?? '-'],
      ['Source', `\`${d.source}\``],
      ['Artifact digest', d.artifactDigest ? `\`${d.artifactDigest}\`` : '-'],
      ['Run', c.provenance.runId ?? '-'],
      ['Code commit', c.provenance.codeCommit ?? '-'],
      ['Environment', c.provenance.environment ? `\`${c.provenance.environment}\`` : '-'],
    ]),
    ...(d.signature
      ? [
          '### Signature',
          '```json',
          `inputs: ${d.signature.inputs}`,
          `outputs: ${d.signature.outputs}`,
          '```',
        ]
      : []),
    '## Intended use',
    bullets(c.intendedUse.primaryUses),
    '### Out of scope',
    bullets(c.intendedUse.outOfScopeUses),
    '## Factors',
    bullets(c.factors),
    '## Metrics',
    c.metrics.length ? table(c.metrics.map((m) => [m.name, String(m.value)])) : '_No metrics recorded._',
    '## Training data',
    bullets(
      c.trainingData.map((t) => `${t.name} (\`${t.digest}\`)`),
      '_No training data recorded._',
    ),
    '## Evaluation data',
    bullets(
      c.evaluationData.map((t) => `${t.name} (\`${t.digest}\`, ${t.context})`),
      '_No evaluation data recorded._',
    ),
    '## Training parameters',
    Object.keys(c.provenance.parameters).length
      ? table(Object.entries(c.provenance.parameters))
      : '_None recorded._',
    '## Ethical considerations',
    bullets(c.considerations.ethicalConsiderations),
    '## Caveats and recommendations',
    bullets(c.considerations.caveatsAndRecommendations),
    '',
  ].join('\n\n');
}
