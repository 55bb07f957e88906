import { HttpClient, ServiceError, serviceUrl } from '@provenant/sdk';
import { ExitCode } from '../../output';

/**
 * The registry at `PROVENANT_REGISTRY_URL` (default http://127.0.0.1:7104), as `PROVENANT_TOKEN`
 * (default: the development scientist token, accepted only outside production).
 */
export function registryClient(env: NodeJS.ProcessEnv = process.env): HttpClient {
  return new HttpClient({
    baseUrl: serviceUrl('registry', env),
    token: env.PROVENANT_TOKEN ?? 'dev-scientist-token',
    retries: 1,
    timeoutMs: 30_000,
  });
}

/** A refused request: the service's message on stderr, exit 1 (69 when the service is failing). */
export function reportRegistryError(err: unknown): void {
  if (!(err instanceof ServiceError)) throw err;
  const body = err.body as { message?: unknown; error_code?: string } | string;
  const message =
    typeof body === 'string'
      ? body
      : Array.isArray(body.message)
        ? body.message.join('\n')
        : String(body.message ?? '');
  const code = typeof body === 'object' && body.error_code ? `${body.error_code}: ` : '';
  process.stderr.write(`registry answered ${err.status}: ${code}${message}\n`);
  process.exitCode = err.status >= 500 ? ExitCode.unavailable : ExitCode.failed;
}

export const q = encodeURIComponent;
