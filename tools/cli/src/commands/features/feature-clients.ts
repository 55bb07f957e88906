import { HttpClient, serviceUrl, type ServiceName } from '@provenant/sdk';

/**
 * A client for one service, authenticated with `PROVENANT_TOKEN` (a development token when unset,
 * the scientist's unless a command needs another role, which only a non-production service
 * accepts).
 */
export function serviceClient(
  name: ServiceName,
  timeoutMs = 60_000,
  devToken = 'dev-scientist-token',
): HttpClient {
  return new HttpClient({
    baseUrl: serviceUrl(name),
    token: process.env.PROVENANT_TOKEN ?? devToken,
    timeoutMs,
  });
}
