import { z } from 'zod';
import { buildManifest, MANIFEST_SCHEMA, type EnvironmentManifest } from './manifest';
import { isSecretName, looksSecret } from './probes/env-vars.probe';

/** A manifest someone else captured that cannot be accepted; `field` is the JSON path to blame. */
export class ManifestError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ManifestError';
  }
}

const manifestSchema = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  fingerprint: z.string().optional(),
  digests: z.record(z.string()).optional(),
  components: z.record(z.record(z.unknown())).refine((c) => Object.keys(c).length > 0, 'no components'),
  capturedAt: z.string().datetime().optional(),
  host: z.string().optional(),
  label: z.string().nullable().optional(),
  git: z
    .object({
      commit: z.string().regex(/^[0-9a-f]{40,64}$/),
      branch: z.string().nullable(),
      dirty: z.boolean().nullable(),
    })
    .nullable()
    .optional(),
});

/**
 * Checks a manifest received from elsewhere (HTTP, a file) and recomputes its digests: a stated
 * fingerprint that does not match the components is refused rather than trusted, and so is an
 * environment variable that looks like a secret, whichever client captured it.
 */
export function parseManifest(input: unknown, field = 'manifest'): EnvironmentManifest {
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError([field, ...issue.path].join('.'), issue.message);
  }
  const value = parsed.data;
  const variables = (value.components['env-vars']?.variables ?? {}) as Record<string, unknown>;
  for (const [name, v] of Object.entries(variables)) {
    if (isSecretName(name) || (typeof v === 'string' && looksSecret(v)))
      throw new ManifestError(
        `${field}.components.env-vars.variables.${name}`,
        'looks like a secret; secrets are never recorded',
      );
  }
  const manifest = buildManifest(value.components as EnvironmentManifest['components'], {
    capturedAt: value.capturedAt ?? new Date().toISOString(),
    host: value.host ?? 'unknown',
    label: value.label ?? null,
    git: value.git ?? null,
  });
  if (value.fingerprint !== undefined && value.fingerprint !== manifest.fingerprint)
    throw new ManifestError(
      `${field}.fingerprint`,
      `does not match the components (computed ${manifest.fingerprint})`,
    );
  return manifest;
}
