import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SERVICE_CATALOG } from '@provenant/sdk';

const services = Object.fromEntries(SERVICE_CATALOG.map((s) => [s.name, z.string().url().optional()]));
const schema = z
  .object({
    /** Bearer token (PROVENANT_TOKEN). Prefer the environment for real secrets. */
    token: z.string().min(1).optional(),
    /** Service URLs (PROVENANT_<SERVICE>_URL). */
    services: z.object(services).strict().optional(),
    /** Default remote of `data push|checkout` (PROVENANT_DATA_REMOTE). */
    dataRemote: z.string().min(1).optional(),
  })
  .strict();

export class ProjectConfigError extends Error {}

/**
 * Settings from `provenant.yaml` in the working directory (or the file `PROVENANT_CONFIG`
 * names), applied as the environment variables the commands read. The environment wins, so a
 * CI job can override a checked-in file. Returns the file used, if any.
 */
export function applyProjectConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  const file = env.PROVENANT_CONFIG ? resolve(cwd, env.PROVENANT_CONFIG) : join(cwd, 'provenant.yaml');
  if (!existsSync(file)) {
    if (env.PROVENANT_CONFIG) throw new ProjectConfigError(`PROVENANT_CONFIG: ${file} does not exist`);
    return null;
  }
  const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success)
    throw new ProjectConfigError(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}${i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : ''}`).join('; ')}`,
    );
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && !env[name]) env[name] = value; // unset or empty: the file applies
  };
  set('PROVENANT_TOKEN', parsed.data.token);
  set('PROVENANT_DATA_REMOTE', parsed.data.dataRemote);
  for (const s of SERVICE_CATALOG) set(`PROVENANT_${s.envPrefix}_URL`, parsed.data.services?.[s.name]);
  return file;
}
