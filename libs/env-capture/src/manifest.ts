import { canonicalDigest } from './canonical-digest';

export const MANIFEST_SCHEMA = 'provenant.environment/v1';

/** A component's data: plain JSON (no undefined, no non-finite numbers) so it canonicalizes. */
export type ComponentData = { [key: string]: unknown };

export interface GitState {
  commit: string;
  branch: string | null;
  /** Tracked files differ from the commit (untracked files ignored); null when git is not installed. */
  dirty: boolean | null;
}

/**
 * What `provenant env capture` writes and the env-verifier stores. Only `components` is
 * fingerprinted: the host name, the capture time and the label describe one capture, not the
 * environment, and the git commit is code, which Provenant records beside the environment (an
 * environment is the same one whatever commit runs in it).
 */
export interface EnvironmentManifest {
  schema: typeof MANIFEST_SCHEMA;
  /** `sha256:<hex>` over the canonical `{schema, components: {name: digest}}`. */
  fingerprint: string;
  /** Per component, `sha256:<hex>` over its canonical JSON. */
  digests: Record<string, string>;
  components: Record<string, ComponentData>;
  capturedAt: string;
  host: string;
  label: string | null;
  git: GitState | null;
}

export interface ComponentDescription {
  name: string;
  digest: string;
  summary: string | null;
}

/** Digests of each component and of the whole; the whole depends only on the component digests. */
export function fingerprintComponents(components: Record<string, ComponentData>): {
  fingerprint: string;
  digests: Record<string, string>;
} {
  const digests: Record<string, string> = {};
  for (const name of Object.keys(components).sort()) digests[name] = canonicalDigest(components[name]);
  return { fingerprint: canonicalDigest({ schema: MANIFEST_SCHEMA, components: digests }), digests };
}

export function buildManifest(
  components: Record<string, ComponentData>,
  about: Pick<EnvironmentManifest, 'capturedAt' | 'host' | 'label' | 'git'>,
): EnvironmentManifest {
  const sorted = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((k) => [k, components[k]]),
  );
  return { schema: MANIFEST_SCHEMA, ...fingerprintComponents(sorted), components: sorted, ...about };
}

/** One line per component for tables and events, e.g. `412 packages` or `Debian GNU/Linux 12`. */
export function describeComponents(
  manifest: Pick<EnvironmentManifest, 'components' | 'digests'>,
): ComponentDescription[] {
  return Object.keys(manifest.components)
    .sort()
    .map((name) => ({ name, digest: manifest.digests[name], summary: summarize(manifest.components[name]) }));
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function summarize(data: ComponentData): string | null {
  if (typeof data.packages === 'object' && data.packages !== null)
    return count(Object.keys(data.packages).length, 'package');
  for (const key of ['pretty', 'version', 'model', 'image', 'file', 'runtime']) {
    if (typeof data[key] === 'string') return data[key] as string;
  }
  if (typeof data.variables === 'object' && data.variables !== null)
    return count(Object.keys(data.variables).length, 'variable');
  return null;
}
