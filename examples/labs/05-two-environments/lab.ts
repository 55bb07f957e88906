import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PipelineContext } from '@provenant/demo';
import type { RunDescription, Verification } from '@provenant/sdk';

const ROOT = join(__dirname, '../../..');

/** The two environments: same code and data, different timezone, locale and label. */
export const ENVIRONMENTS = {
  local: { TZ: 'UTC', LANG: 'C.UTF-8', PROVENANT_ENV_LABEL: 'local' },
  second: { TZ: 'Asia/Tokyo', LANG: 'en_US.UTF-8', PROVENANT_ENV_LABEL: 'second' },
};

interface Half {
  description: RunDescription;
  fingerprint: string;
  artifact: string;
}

export interface Lab5Result {
  local: Half;
  second: Half;
  /** env-verifier: the second environment against the first. */
  parity: Verification;
  /** env-verifier: the second run against the first. */
  reproducibility: { verdict: string; differences: unknown[] };
}

async function trainIn(
  env: Record<string, string>,
  asOf: number,
  brokers: string[],
  topicPrefix?: string,
): Promise<Half> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'train-in-env.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        AS_OF: String(asOf),
        KAFKA_BROKERS: brokers.join(','),
        ...(topicPrefix ? { KAFKA_TOPIC_PREFIX: topicPrefix } : {}),
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Half;
}

/**
 * Lab 5: the same experiment in two environments (two processes with a different timezone,
 * locale and label), identical results: the same artifact digest, a verdict from env-verifier
 * naming exactly what differs between the environments, and a REPRODUCED check.
 */
export async function runLab5(
  ctx: PipelineContext,
  o: { brokers: string[]; topicPrefix?: string },
): Promise<Lab5Result> {
  const asOf = Date.now() * 1000;
  const local = await trainIn(ENVIRONMENTS.local, asOf, o.brokers, o.topicPrefix);
  const second = await trainIn(ENVIRONMENTS.second, asOf, o.brokers, o.topicPrefix);
  const parity = await ctx.pipeline.env.verify(second.fingerprint, { fingerprint: local.fingerprint });
  const reproducibility = await ctx.pipeline.env.checkReproducibility(local.description, second.description);
  return { local, second, parity, reproducibility };
}
