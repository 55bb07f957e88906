import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme): sorted keys, ECMAScript number formatting, no
 * whitespace. Two processes that hold the same value produce the same bytes, whatever the
 * insertion order of their objects, so the digest below is a stable identity.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** `sha256:<lowercase hex>`, the digest form used across Provenant (ProvRef.digest). */
export function sha256Digest(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** SHA-256 over the RFC 8785 canonical form of a JSON value. */
export function canonicalDigest(value: unknown): string {
  return sha256Digest(canonicalJson(value));
}
