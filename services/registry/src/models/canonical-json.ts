import { createHash } from 'node:crypto';

/**
 * Canonical JSON for digests: object keys sorted, no whitespace (RFC 8785's shape for the
 * strings, integers and short decimals the registry hashes; JS number formatting is RFC 8785's).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export const sha256Of = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
