import { HttpClient } from './http-client';
import { serviceUrl, type ServiceName } from './service-catalog';
import { EnvVerifierClient } from './clients/env-verifier.client';
import { FeatureStoreClient } from './clients/feature-store.client';
import { LedgerClient } from './clients/ledger.client';
import { RegistryClient } from './clients/registry.client';
import { TrackerClient } from './clients/tracker.client';

export interface ProvenantOptions {
  /** Bearer token; default `PROVENANT_TOKEN`. Its role decides what is allowed. */
  token?: string;
  /** Where to find the services: `PROVENANT_<SERVICE>_URL`, else the default local ports. */
  env?: NodeJS.ProcessEnv;
  retries?: number;
  timeoutMs?: number;
}

/**
 * One typed client for the six services. Every call carries the token, retries connection
 * errors and 502/503/504 with backoff, and propagates the active trace context.
 *
 * ```ts
 * const p = new Provenant({ token: 'dev-pipeline-token' });
 * await p.features.push({ featureView: 'driver_stats', rows });
 * const approver = p.as('dev-approver-token');
 * ```
 */
export class Provenant {
  readonly features: FeatureStoreClient;
  readonly tracker: TrackerClient;
  readonly registry: RegistryClient;
  readonly env: EnvVerifierClient;
  readonly ledger: LedgerClient;

  constructor(private readonly options: ProvenantOptions = {}) {
    const http = (name: ServiceName, timeoutMs = options.timeoutMs ?? 30_000) =>
      new HttpClient({
        baseUrl: serviceUrl(name, options.env ?? process.env),
        token: options.token ?? (options.env ?? process.env).PROVENANT_TOKEN,
        retries: options.retries ?? 3,
        timeoutMs,
      });
    this.features = new FeatureStoreClient(
      http('registry'),
      http('feature-ingest'),
      http('materializer', 120_000),
    );
    this.tracker = new TrackerClient(http('tracker'));
    this.registry = new RegistryClient(http('registry'));
    this.env = new EnvVerifierClient(http('env-verifier'));
    this.ledger = new LedgerClient(http('audit-ledger'));
  }

  /** The same services, as another principal. */
  as(token: string): Provenant {
    return new Provenant({ ...this.options, token });
  }
}
