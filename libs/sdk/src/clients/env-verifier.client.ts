import type { EnvironmentManifest } from '@provenant/env-capture';
import type { HttpClient } from '../http-client';

export interface Verification {
  verificationId: string;
  fingerprint: string;
  verdict: 'IDENTICAL' | 'COMPATIBLE' | 'DRIFTED' | string;
  /** what it was compared with: a pinned target, another environment or a run's environment */
  reference: { kind: string; id: string; fingerprint: string };
  differences: {
    component: string;
    path: string;
    expected: string | null;
    actual: string | null;
    severity: string;
  }[];
}

/** A run's facts as env-verifier compares them (the run context produces one). */
export interface RunDescription {
  runId: string;
  experimentId?: string;
  commit?: string | null;
  params: Record<string, string>;
  inputs: { name: string; digest: string; uri?: string }[];
  outputs: { name: string; digest: string }[];
  metrics: Record<string, number>;
  environment?: string | null;
}

export type VerificationReference = { target: string } | { fingerprint: string } | { runId: string };

/** Environment fingerprints, verification against targets, parity and reproducibility checks. */
export class EnvVerifierClient {
  constructor(private readonly http: HttpClient) {}

  /** Records a captured manifest (the service recomputes its digests) and publishes EnvironmentCaptured. */
  capture(manifest: EnvironmentManifest, runId?: string) {
    return this.http.post<{ captureId: string; fingerprint: string }>('/environments', { manifest, runId });
  }

  verify(fingerprint: string, reference: VerificationReference) {
    return this.http.post<Verification>('/environments/verifications', { fingerprint, reference });
  }

  /** Pins a target's reference environment (role approver). */
  pinTarget(name: string, fingerprint: string) {
    return this.http.put(`/environments/targets/${encodeURIComponent(name)}`, { fingerprint });
  }

  parity(targets: string[]) {
    return this.http.get<Record<string, unknown>>('/environments/parity', { targets: targets.join(',') });
  }

  /** Compares two runs' outputs, params and environments; records ReproducibilityChecked. */
  checkReproducibility(
    baseline: RunDescription,
    candidate: RunDescription,
    tolerance?: { absolute?: number; relative?: number },
  ) {
    return this.http.post<{
      checkId: string;
      verdict: 'REPRODUCED' | 'NOT_REPRODUCED' | 'INCONCLUSIVE';
      differences: unknown[];
    }>('/reproducibility/checks', {
      baseline,
      candidate,
      tolerance,
    });
  }
}
