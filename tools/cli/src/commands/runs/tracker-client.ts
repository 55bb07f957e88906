import { HttpClient, serviceUrl } from '@provenant/sdk';

/**
 * The tracker, at `PROVENANT_TRACKER_URL` (default http://127.0.0.1:7103), with the token in
 * `PROVENANT_TOKEN` (default: the development scientist token, which only works outside production).
 */
export function trackerClient(env: NodeJS.ProcessEnv = process.env): HttpClient {
  return new HttpClient({
    baseUrl: serviceUrl('tracker', env),
    token: env.PROVENANT_TOKEN ?? 'dev-scientist-token',
    retries: 1,
  });
}

export interface RunComparison {
  old: string;
  new: string;
  params: { params: Record<string, { old: string | null; new: string | null }> };
  metrics: { metrics: Record<string, { old: number | null; new: number | null; diff: number | null }> };
}

export const qs = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
