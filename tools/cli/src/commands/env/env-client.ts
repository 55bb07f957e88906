import { HttpClient, serviceUrl } from '@provenant/sdk';

/**
 * The env-verifier, at `PROVENANT_ENV_VERIFIER_URL` (default http://127.0.0.1:7105), with the token
 * in `PROVENANT_TOKEN` (default: the development pipeline token, which only works outside production).
 */
export function envVerifierClient(env: NodeJS.ProcessEnv = process.env): HttpClient {
  return new HttpClient({
    baseUrl: serviceUrl('env-verifier', env),
    token: env.PROVENANT_TOKEN ?? 'dev-pipeline-token',
    retries: 1,
  });
}

export const short = (digest: string | null | undefined) =>
  digest ? digest.replace(/^sha256:/, '').slice(0, 12) : '-';
