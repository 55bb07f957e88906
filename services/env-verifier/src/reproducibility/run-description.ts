import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

const DIGEST = /^[a-z0-9]+:[0-9a-f]+$/;
const digest = z.string().regex(DIGEST, 'expected <algorithm>:<lowercase hex>, e.g. sha256:…');
const tolerance = z
  .object({ absolute: z.number().nonnegative().optional(), relative: z.number().nonnegative().optional() })
  .strict();

/**
 * What env-verifier needs to know about a run, given by the caller (the tracker's run, the
 * SDK's run context, or a file): the tracker is not called, so a check works on any two runs
 * whose facts are at hand.
 */
export const runDescriptionSchema = z
  .object({
    runId: z.string().min(1).max(200),
    experimentId: z.string().max(200).optional(),
    /** git commit of the code; `repository` (a URL) makes the provenance dependency resolvable. */
    commit: z
      .string()
      .regex(/^[0-9a-f]{40,64}$/, 'expected a full git commit hash')
      .nullable()
      .optional(),
    repository: z.string().url().optional(),
    params: z.record(z.string()).default({}),
    inputs: z
      .array(z.object({ name: z.string().min(1), digest, uri: z.string().optional() }).strict())
      .default([]),
    outputs: z.array(z.object({ name: z.string().min(1), digest }).strict()).default([]),
    metrics: z.record(z.number().finite()).default({}),
    /** Fingerprint of the environment the run ran in (`provenant env capture`). */
    environment: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .nullable()
      .optional(),
    builder: z.string().min(1).optional(),
    startedAt: z.string().datetime().optional(),
    finishedAt: z.string().datetime().optional(),
  })
  .strict();

export type RunDescription = z.infer<typeof runDescriptionSchema>;

/** `|candidate − baseline| ≤ max(absolute, relative × |baseline|)`, per metric or by default. */
export const toleranceSchema = tolerance.extend({ metrics: z.record(tolerance).optional() }).strict();
export type Tolerance = z.infer<typeof toleranceSchema>;

export const checkRequestSchema = z
  .object({
    baseline: runDescriptionSchema,
    candidate: runDescriptionSchema,
    tolerance: toleranceSchema.default({}),
    /** Emit the in-toto/SLSA statement for the candidate's outputs (default true). */
    provenance: z.boolean().default(true),
  })
  .strict();

export type CheckRequest = z.infer<typeof checkRequestSchema>;

/** Parses a body with zod; 400 naming the first bad field, e.g. `candidate.metrics.rmse`. */
export function parseBody<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || '(body)';
  throw new BadRequestException({ message: `${field}: ${issue.message}`, field });
}
