import type { ReproducibilityDifference, ReproducibilityVerdict } from '@provenant/contracts';
import type { RunDescription, Tolerance } from './run-description';

type Difference = ReproducibilityDifference;
const INPUT_CATEGORIES = new Set(['DATA', 'PARAMS', 'CODE']);

/**
 * Same inputs (data digests, params, commit) → the outputs must match: artifacts by digest,
 * metrics within tolerance. Different inputs make the outputs incomparable (INCONCLUSIVE). A
 * different environment is the point of most checks, so it is listed but never counts against.
 */
export function compareRuns(
  baseline: RunDescription,
  candidate: RunDescription,
  tolerance: Tolerance,
): { verdict: Exclude<ReproducibilityVerdict, 'UNKNOWN'>; differences: Difference[] } {
  const differences: Difference[] = [
    ...keyed('DATA', byName(baseline.inputs), byName(candidate.inputs)),
    ...keyed('PARAMS', baseline.params, candidate.params),
    ...(baseline.commit !== candidate.commit
      ? [difference('CODE', 'commit', baseline.commit, candidate.commit, false)]
      : []),
    ...(baseline.environment !== candidate.environment
      ? [difference('ENVIRONMENT', 'fingerprint', baseline.environment, candidate.environment, true)]
      : []),
    ...keyed('ARTIFACT', byName(baseline.outputs), byName(candidate.outputs)),
    ...metricDifferences(baseline.metrics, candidate.metrics, tolerance),
  ];
  const failing = differences.filter((d) => !d.withinTolerance);
  const verdict = failing.some((d) => INPUT_CATEGORIES.has(d.category))
    ? 'INCONCLUSIVE'
    : failing.length > 0
      ? 'NOT_REPRODUCED'
      : 'REPRODUCED';
  return { verdict, differences };
}

const byName = (items: { name: string; digest: string }[]) =>
  Object.fromEntries(items.map((i) => [i.name, i.digest]));

function keyed(
  category: Difference['category'],
  a: Record<string, string>,
  b: Record<string, string>,
): Difference[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .sort()
    .filter((key) => a[key] !== b[key])
    .map((key) => difference(category, key, a[key] ?? null, b[key] ?? null, false));
}

function metricDifferences(
  a: Record<string, number>,
  b: Record<string, number>,
  tolerance: Tolerance,
): Difference[] {
  const out: Difference[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[key] === undefined || b[key] === undefined) {
      out.push(difference('METRIC', key, a[key]?.toString() ?? null, b[key]?.toString() ?? null, false));
      continue;
    }
    const delta = b[key] - a[key];
    if (delta === 0) continue;
    const rule = tolerance.metrics?.[key] ?? tolerance;
    const allowed = Math.max(rule.absolute ?? 0, (rule.relative ?? 0) * Math.abs(a[key]));
    out.push({
      ...difference('METRIC', key, String(a[key]), String(b[key]), Math.abs(delta) <= allowed),
      delta,
      tolerance: allowed,
    });
  }
  return out;
}

function difference(
  category: Difference['category'],
  key: string,
  baseline: string | null | undefined,
  candidate: string | null | undefined,
  withinTolerance: boolean,
): Difference {
  return {
    category,
    key,
    baseline: baseline ?? null,
    candidate: candidate ?? null,
    delta: null,
    tolerance: null,
    withinTolerance,
  };
}
