import { HttpClient, serviceUrl, type ServiceName } from '@provenant/sdk';

/**
 * A client for one service, authenticated with `PROVENANT_TOKEN` (the development scientist
 * token when unset, which only a non-production service accepts).
 */
export function serviceClient(name: ServiceName, timeoutMs = 60_000): HttpClient {
  return new HttpClient({
    baseUrl: serviceUrl(name),
    token: process.env.PROVENANT_TOKEN ?? 'dev-scientist-token',
    timeoutMs,
  });
}
