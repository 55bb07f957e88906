import type { RunCompleted, RunStarted } from '@provenant/contracts';
import type { LeafEvent } from './leaf-event-reader';
import type { ModelProvenance } from './model-provenance.finder';

/** PROV references of a kind an event cites (used or generated). */
export const refsOf = (e: LeafEvent | null, kind: string) =>
  e ? [...e.meta.used, ...e.meta.generated].filter((r) => r.kind === kind) : [];

/*
 * A run's code and environment: from RunStarted's fields, else RunCompleted's, else the PROV
 * references either cites (events from producers that fill only `meta.used`).
 */
export function commitOf(
  started: LeafEvent<RunStarted> | null,
  completed: LeafEvent<RunCompleted> | null,
): ModelProvenance['commit'] {
  const code = started?.value?.code;
  if (code && started)
    return {
      sha: code.commit,
      repoUrl: code.repoUrl,
      branch: code.branch,
      dirty: code.dirty,
      evidence: started,
    };
  if (completed?.value?.codeCommit)
    return {
      sha: completed.value.codeCommit,
      repoUrl: null,
      branch: null,
      dirty: null,
      evidence: completed,
    };
  for (const e of [started, completed]) {
    const ref = refsOf(e, 'commit')[0];
    if (ref && e)
      return { sha: ref.id.replace(/^git:/, ''), repoUrl: null, branch: null, dirty: null, evidence: e };
  }
  return null;
}

export function fingerprintOf(
  started: LeafEvent<RunStarted> | null,
  completed: LeafEvent<RunCompleted> | null,
): ModelProvenance['fingerprint'] {
  if (started?.value?.environmentFingerprint)
    return { value: started.value.environmentFingerprint, evidence: started };
  if (completed?.value?.environmentFingerprint)
    return { value: completed.value.environmentFingerprint, evidence: completed };
  for (const e of [started, completed]) {
    const ref = refsOf(e, 'env')[0];
    if (ref && e) return { value: ref.id, evidence: e };
  }
  return null;
}
