import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_POLICY,
  diffManifests,
  verifyDifferences,
  type EnvironmentVerdict,
} from '@provenant/env-capture';
import { EnvironmentReferenceResolver, type ResolvedReference } from './environment-reference';

export interface ParityCell {
  /** The environment judged… */
  environment: string;
  /** …against this target, under the target's policy. */
  reference: string;
  verdict: EnvironmentVerdict | null;
  blocking: number;
  tolerated: number;
  info: number;
  /** The first blocking differences, to say why at a glance. */
  reasons: string[];
}

export interface ParityMatrix {
  targets: { name: string; fingerprint: string | null; capturedAt: string | null }[];
  cells: ParityCell[];
}

/** Every target against every other (read-only: parity is a view, not a recorded verification). */
@Injectable()
export class ParityMatrixUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly references: EnvironmentReferenceResolver,
  ) {}

  async execute(names: string[]): Promise<ParityMatrix> {
    // One snapshot for all targets; queries in sequence, as one connection runs one at a time.
    const resolved = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const found: (ResolvedReference | null)[] = [];
      for (const target of names) found.push(await this.references.resolve(m, { target }).catch(() => null));
      return found;
    });
    const cells: ParityCell[] = [];
    names.forEach((environment, i) =>
      names.forEach((reference, j) => {
        if (i !== j) cells.push(cell(environment, resolved[i], reference, resolved[j]));
      }),
    );
    return {
      targets: names.map((name, i) => ({
        name,
        fingerprint: resolved[i]?.capture.fingerprint ?? null,
        capturedAt: resolved[i]?.capture.manifest.capturedAt ?? null,
      })),
      cells,
    };
  }
}

function cell(
  environment: string,
  env: ResolvedReference | null,
  reference: string,
  ref: ResolvedReference | null,
): ParityCell {
  const empty = { environment, reference, verdict: null, blocking: 0, tolerated: 0, info: 0, reasons: [] };
  if (!env || !ref) return empty;
  const a = env.capture.manifest;
  const b = ref.capture.manifest;
  const { verdict, differences } = verifyDifferences(
    a.fingerprint === b.fingerprint,
    diffManifests(b, a),
    ref.policy ?? DEFAULT_POLICY,
  );
  const count = (s: string) => differences.filter((d) => d.severity === s).length;
  const reasons = differences
    .filter((d) => d.severity === 'BLOCKING')
    .slice(0, 3)
    .map(
      (d) =>
        `${d.path ? `${d.component}.${d.path}` : d.component}: ${d.expected ?? '∅'} → ${d.actual ?? '∅'}`,
    );
  return {
    ...empty,
    verdict,
    blocking: count('BLOCKING'),
    tolerated: count('TOLERATED'),
    info: count('INFO'),
    reasons,
  };
}
