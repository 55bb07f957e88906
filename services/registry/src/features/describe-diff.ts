import { canonicalJson } from './canonical-json';
import type { DefinitionSpec, FeatureViewSpec } from './definition.types';

const show = (v: unknown) => (typeof v === 'string' ? v : canonicalJson(v));

function featureLines(
  before: FeatureViewSpec,
  after: FeatureViewSpec,
): { lines: string[]; breaking: boolean } {
  const lines: string[] = [];
  let breaking = false;
  const old = new Map(before.features.map((f) => [f.name, f]));
  for (const f of after.features) {
    const prev = old.get(f.name);
    if (!prev) lines.push(`+ feature ${f.name}: ${f.valueType}`);
    else if (prev.valueType !== f.valueType) {
      lines.push(`~ feature ${f.name}: ${prev.valueType} -> ${f.valueType} (breaking)`);
      breaking = true;
    } else if (canonicalJson(prev) !== canonicalJson(f))
      lines.push(`~ feature ${f.name}: description or tags`);
  }
  const kept = new Set(after.features.map((f) => f.name));
  for (const f of before.features) {
    if (!kept.has(f.name)) {
      lines.push(`- feature ${f.name} (breaking)`);
      breaking = true;
    }
  }
  return { lines, breaking };
}

/**
 * The differences between two versions of a definition, one line each, and whether any of them
 * breaks readers (join keys, entities, projections, a removed feature or a changed type).
 */
export function describeDiff(
  before: DefinitionSpec,
  after: DefinitionSpec,
): { lines: string[]; breaking: boolean } {
  const lines: string[] = [];
  let breaking = false;
  const breakingKeys = new Set(['joinKeys', 'entities', 'projections']);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'features' && 'features' in before && 'features' in after) {
      const f = featureLines(before as FeatureViewSpec, after as FeatureViewSpec);
      lines.push(...f.lines);
      breaking ||= f.breaking;
      continue;
    }
    const a = (before as unknown as Record<string, unknown>)[key];
    const b = (after as unknown as Record<string, unknown>)[key];
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    const isBreaking = breakingKeys.has(key);
    breaking ||= isBreaking;
    lines.push(`~ ${key}: ${show(a ?? null)} -> ${show(b ?? null)}${isBreaking ? ' (breaking)' : ''}`);
  }
  return { lines, breaking };
}
