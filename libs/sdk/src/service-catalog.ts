/** The six services and their default ports (DESIGN.md §1). One list, used by the CLI, `npm start`,
 * the SDK and the compose-file drift test. */
export const SERVICE_CATALOG = [
  { name: 'feature-ingest', port: 7101, envPrefix: 'FEATURE_INGEST' },
  { name: 'materializer', port: 7102, envPrefix: 'MATERIALIZER' },
  { name: 'tracker', port: 7103, envPrefix: 'TRACKER' },
  { name: 'registry', port: 7104, envPrefix: 'REGISTRY' },
  { name: 'env-verifier', port: 7105, envPrefix: 'ENV_VERIFIER' },
  { name: 'audit-ledger', port: 7106, envPrefix: 'AUDIT_LEDGER' },
] as const;

export type ServiceName = (typeof SERVICE_CATALOG)[number]['name'];

/** `PROVENANT_<SERVICE>_URL` overrides the default `http://127.0.0.1:<port>`. */
export function serviceUrl(name: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  const entry = SERVICE_CATALOG.find((s) => s.name === name)!;
  return env[`PROVENANT_${entry.envPrefix}_URL`] ?? `http://127.0.0.1:${entry.port}`;
}
