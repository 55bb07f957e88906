import type { ComponentData } from '../manifest';

/**
 * Variables that change results or reproducibility and never hold secrets: locale and time zone,
 * RNG seeds, thread counts, determinism switches, visible devices. `NAME_*` entries are prefixes.
 */
export const DEFAULT_ENV_ALLOWLIST = [
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'LC_NUMERIC',
  'TZ',
  'SOURCE_DATE_EPOCH',
  'PYTHONHASHSEED',
  'CUDA_VISIBLE_DEVICES',
  'NVIDIA_VISIBLE_DEVICES',
  'CUBLAS_WORKSPACE_CONFIG',
  'TF_DETERMINISTIC_OPS',
  'TF_CUDNN_DETERMINISTIC',
  'OMP_NUM_THREADS',
  'MKL_NUM_THREADS',
  'OPENBLAS_NUM_THREADS',
  'NUMEXPR_NUM_THREADS',
  'NODE_ENV',
  'NODE_OPTIONS',
  'PROVENANT_SEED_*',
];

/**
 * A name that suggests a secret is refused even when allow-listed (`*_KEY`, `*TOKEN*`, …): a
 * manifest is published in events and the ledger, where a secret could never be taken back.
 */
const SECRET_NAME =
  /(SECRET|TOKEN|PASSW(OR)?D|PASSPHRASE|PRIVATE|CREDENTIAL|AUTH|COOKIE|SESSION|SIGNATURE|CERT|(^|_)(API|ACCESS)?_?KEY($|_)|(^|_)DSN$|CONNECTION_STRING)/i;

/** Values that are secrets whatever the variable is called: URLs with a password, known token shapes, JWTs. */
const SECRET_VALUE = [
  /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i, // scheme://user:password@host
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\b(ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/, // GitHub tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\bsk-[A-Za-z0-9_-]{20,}/, // API keys in the `sk-` style
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function looksSecret(value: string): boolean {
  return SECRET_VALUE.some((pattern) => pattern.test(value));
}

function allowed(name: string, allowlist: string[]): boolean {
  return allowlist.some((entry) =>
    entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry,
  );
}

/**
 * The allow-listed variables that are set. Nothing is recorded about the others, not even their
 * names, so the fingerprint does not change when an unrelated (or secret) variable does.
 */
export function envVarsComponent(env: NodeJS.ProcessEnv, extraAllowlist: string[] = []): ComponentData {
  const allowlist = [...DEFAULT_ENV_ALLOWLIST, ...extraAllowlist];
  const variables: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined || !allowed(name, allowlist)) continue;
    if (isSecretName(name) || looksSecret(value)) continue;
    variables[name] = value;
  }
  return { allowlist: [...new Set(allowlist)].sort(), variables };
}
