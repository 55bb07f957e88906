import type { EnvironmentManifest } from '../manifest';

/** One difference between a reference environment and the one being checked. */
export interface EnvironmentDifference {
  /** Component name, e.g. `lockfile:package-lock.json`. */
  component: string;
  /** What differs within it, e.g. `packages.numpy`, `flags[avx512f]`; empty when the whole component is missing on one side. */
  path: string;
  expected: string | null;
  actual: string | null;
}

type Comparable = Pick<EnvironmentManifest, 'components' | 'digests'>;

/**
 * Structural diff of two manifests, down to the leaf that changed. Components with equal digests
 * are skipped without being walked, so comparing two large lockfiles that did not change is free.
 * Arrays of plain values are compared as sets (`flags[avx2]` present on one side only), because
 * their order carries no meaning in any component.
 */
export function diffManifests(reference: Comparable, actual: Comparable): EnvironmentDifference[] {
  const names = [
    ...new Set([...Object.keys(reference.components), ...Object.keys(actual.components)]),
  ].sort();
  const differences: EnvironmentDifference[] = [];
  for (const component of names) {
    const expected = reference.components[component];
    const found = actual.components[component];
    if (expected === undefined || found === undefined) {
      differences.push({
        component,
        path: '',
        expected: expected === undefined ? null : reference.digests[component],
        actual: found === undefined ? null : actual.digests[component],
      });
      continue;
    }
    if (reference.digests[component] === actual.digests[component]) continue;
    const left = flatten(expected);
    const right = flatten(found);
    for (const path of [...new Set([...left.keys(), ...right.keys()])].sort()) {
      const a = left.get(path) ?? null;
      const b = right.get(path) ?? null;
      if (a !== b) differences.push({ component, path, expected: a, actual: b });
    }
  }
  return differences;
}

function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    const scalars = value.every((item) => item === null || typeof item !== 'object');
    value.forEach((item, index) =>
      scalars ? out.set(`${path}[${String(item)}]`, String(item)) : flatten(item, `${path}[${index}]`, out),
    );
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value === null ? 'null' : String(value));
  }
  return out;
}
