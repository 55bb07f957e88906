import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { EnvironmentVerified, ModelCardPublished, PromotionDecided } from '@provenant/contracts';
import { ProofBundler } from '../audit/proof-bundle';
import { LeafEventReader, type LeafEvent } from '../lineage/leaf-event-reader';
import { ModelProvenanceFinder, type ModelProvenance } from '../lineage/model-provenance.finder';
import { micros } from '../lineage/provenance-node';
import { annexIvCoverage } from './annex-iv';
import type { ModelReport } from './model-report';
import { claimOf, dataSection, environmentSection, trainingSection } from './report-sections';

/**
 * Assembles a model version's reproducibility report from the decoded events of the log, and
 * proves every leaf it cites against the latest signed checkpoint.
 */
@Injectable()
export class ModelReportUseCase {
  constructor(
    private readonly events: LeafEventReader,
    private readonly models: ModelProvenanceFinder,
    private readonly proofs: ProofBundler,
  ) {}

  async execute(name: string, version: number): Promise<ModelReport> {
    if (version < 1) throw new BadRequestException('version must be 1 or more');
    const size = await this.events.treeSize();
    const p = await this.models.find(name, version, size);
    if (!p.version) throw new NotFoundException(`no ModelVersionRegistered for model:${name}/${version}`);
    const ofModel = (await this.events.bySubject(`model:${name}`, size)).filter(
      (e) => e.value?.version === version,
    );
    const cards = ofModel.filter(
      (e) => e.eventType === 'ModelCardPublished',
    ) as LeafEvent<ModelCardPublished>[];
    const decided = ofModel.filter(
      (e) => e.eventType === 'PromotionDecided',
    ) as LeafEvent<PromotionDecided>[];
    const production = await this.productionCheck(p, size);
    const cited: LeafEvent[] = [
      p.version,
      p.runStarted,
      p.runCompleted,
      p.environment,
      production,
      ...cards,
      ...decided,
    ]
      .concat(
        p.datasets.flatMap((d) => [d.loggedBy, d.trainingSet, d.version]),
        p.commit ? [p.commit.evidence] : [],
      )
      .filter((e): e is LeafEvent => !!e);
    const bundle = await this.proofs.prove(cited);
    const v = p.version.value!;
    const body = {
      model: {
        name,
        version,
        source: v.source,
        artifactDigest: v.artifactDigest,
        registeredBy: p.version.meta.actor.principal,
        claim: claimOf(p.version),
      },
      generatedAt: new Date().toISOString(),
      checkpoint: bundle.checkpoint,
      data: dataSection(p),
      code: p.commit
        ? {
            commit: p.commit.sha,
            repoUrl: p.commit.repoUrl,
            branch: p.commit.branch,
            dirty: p.commit.dirty,
            claim: claimOf(p.commit.evidence),
          }
        : null,
      environment: environmentSection(p, production),
      training: trainingSection(p),
      promotions: decided.map((e) => ({
        promotionId: e.value!.promotionId,
        target: e.value!.target,
        decision: e.value!.decision,
        decidedAt: micros(e.occurredAt)!,
        decidedBy: e.meta.actor.principal,
        approvals: e.value!.approvals.map((a) => ({
          principal: a.principal,
          role: a.role,
          approvedAt: micros(a.approvedAt)!,
          comment: a.comment,
        })),
        gates: e.value!.gates.map((g) => ({ name: g.name, passed: g.passed, detail: g.detail })),
        claim: claimOf(e),
      })),
      modelCard: cards.length ? cardSection(cards[cards.length - 1]) : null,
      missing: p.missing,
    };
    return { ...body, annexIV: annexIvCoverage(body), proofs: Object.fromEntries(bundle.proofs) };
  }

  /** The latest verification of the run's environment against production, if any. */
  private async productionCheck(p: ModelProvenance, size: number) {
    if (!p.fingerprint) return null;
    const checks = (await this.events.bySubject(`env:${p.fingerprint.value}`, size, {
      types: ['EnvironmentVerified'],
    })) as LeafEvent<EnvironmentVerified>[];
    return (
      checks.findLast(
        (e) => e.value?.reference.id === 'production' || e.value?.reference.kind === 'TARGET',
      ) ?? null
    );
  }
}

function cardSection(e: LeafEvent<ModelCardPublished>): ModelReport['modelCard'] {
  const v = e.value!;
  let card: unknown = v.card;
  try {
    card = JSON.parse(v.card);
  } catch {
    // Kept as text: the digest covers the text, whatever it holds.
  }
  return {
    revision: v.revision,
    cardSchema: v.cardSchema,
    cardDigest: v.cardDigest,
    card,
    claim: claimOf(e),
  };
}
