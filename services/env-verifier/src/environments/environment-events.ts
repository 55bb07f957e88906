import type { Actor, EnvironmentCaptured, EnvironmentVerified, ReferenceKind } from '@provenant/contracts';
import { provRef, subject } from '@provenant/contracts';
import type { EventMetaFactory } from '@provenant/events';
import { describeComponents, type EnvironmentManifest } from '@provenant/env-capture';
import type { NewVerification } from './environment.store';

/** Events carry the blocking differences first and at most this many; the full list is at GET /environments/verifications/{id}. */
export const MAX_EVENT_DIFFERENCES = 100;

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export function environmentCaptured(
  metas: EventMetaFactory,
  actor: Actor | undefined,
  captureId: string,
  manifest: EnvironmentManifest,
): EnvironmentCaptured {
  const os = manifest.components.os ?? {};
  const runtimes: Record<string, string> = {};
  for (const [name, data] of Object.entries(manifest.components))
    if (name.startsWith('runtime.') && typeof data.version === 'string')
      runtimes[name.slice('runtime.'.length)] = data.version;
  return {
    meta: metas.create({
      subject: subject('env', manifest.fingerprint),
      actor,
      used: manifest.git ? [provRef.commit(manifest.git.commit)] : [],
      generated: [provRef.env(manifest.fingerprint)],
    }),
    captureId,
    fingerprint: manifest.fingerprint,
    label: manifest.label,
    os: text(os.pretty, 'unknown'),
    kernel: text(os.kernel, 'unknown'),
    arch: text(os.arch, 'unknown'),
    runtimes,
    components: describeComponents(manifest),
    gitCommit: manifest.git?.commit ?? null,
    imageDigest: (manifest.components.container?.imageDigest as string | null | undefined) ?? null,
  };
}

export function environmentVerified(
  metas: EventMetaFactory,
  actor: Actor | undefined,
  v: NewVerification,
): EnvironmentVerified {
  return {
    meta: metas.create({
      subject: subject('env', v.fingerprint),
      actor,
      used: [provRef.env(v.fingerprint), provRef.env(v.reference.fingerprint, 'reference')],
      generated: [provRef.check(v.verificationId)],
    }),
    verificationId: v.verificationId,
    fingerprint: v.fingerprint,
    reference: {
      kind: v.reference.kind as ReferenceKind,
      id: v.reference.id,
      fingerprint: v.reference.fingerprint,
    },
    verdict: v.verdict,
    differences: v.differences.slice(0, MAX_EVENT_DIFFERENCES),
    policyDigest: v.policyDigest,
    differenceCount: v.differences.length,
  };
}
