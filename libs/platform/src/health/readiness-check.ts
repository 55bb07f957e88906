/** A dependency that must answer before the service can do useful work. */
export interface ReadinessCheck {
  /** Shown as the key in `/health/ready` (e.g. `postgres`, `redis`, `kafka`). */
  readonly name: string;
  /** Resolves (optionally with details) when healthy; throws with a message saying what is wrong. */
  check(): Promise<Record<string, unknown> | void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Default per-check timeout: a hung dependency must not hang the probe. */
export const READINESS_TIMEOUT_MS = 2_000;
