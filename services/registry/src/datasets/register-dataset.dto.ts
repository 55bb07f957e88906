import { z } from 'zod';

const relativePath = z
  .string()
  .max(4096)
  .refine(
    (p) => !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '.' || (s === '' && p !== '')),
    {
      message: 'must be a relative POSIX path without . or .. segments',
    },
  );

export const datasetName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'letters, digits, _, . and -, in /-separated segments');

/** A dataset version as the CLI sends it: the manifest it computed; the registry recomputes the digests. */
export const registerDatasetBody = z
  .object({
    name: datasetName,
    path: z
      .string()
      .max(4096)
      .nullish()
      .transform((p) => p ?? null),
    entries: z
      .array(
        z
          .object({
            path: relativePath,
            size: z.number().int().min(0),
            sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
            md5: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits'),
          })
          .strict(),
      )
      .max(2_000_000)
      .refine((es) => new Set(es.map((e) => e.path)).size === es.length, { message: 'paths must be unique' })
      .refine((es) => es.length <= 1 || es.every((e) => e.path !== ''), {
        message: 'an empty path is only valid for a single-file dataset',
      }),
    // DVC imports: DVC's recorded hash (checked against the manifest), the producing stage, its deps.
    origin: z.enum(['FILE', 'DIRECTORY', 'DVC_IMPORT']).optional(),
    dvc_md5: z
      .string()
      .regex(/^[0-9a-f]{32}(\.dir)?$/, 'must be a DVC md5 (32 hex digits, `.dir` for directories)')
      .optional(),
    dvc_stage: z
      .object({ name: z.string().min(1), cmd: z.string(), params: z.record(z.string()) })
      .strict()
      .optional(),
    used: z
      .array(z.object({ path: z.string().min(1), md5: z.string().regex(/^[0-9a-f]{32}(\.dir)?$/) }).strict())
      .max(10_000)
      .optional(),
  })
  .strict();

export type RegisterDatasetBody = z.infer<typeof registerDatasetBody>;
