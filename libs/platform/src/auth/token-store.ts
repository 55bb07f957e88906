import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROLES, type Principal, type Role } from './principal';

export interface TokenEntry {
  sha256: string;
  principal: string;
  roles: Role[];
}

export const sha256Hex = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

function checkRoles(roles: string[], where: string): Role[] {
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad !== undefined) throw new Error(`${where}: unknown role "${bad}" (known: ${ROLES.join(', ')})`);
  return roles as Role[];
}

/** `PROVENANT_TOKENS` format: `sha256hex:principal:role|role` entries separated by commas. */
export function parseTokenList(raw: string): TokenEntry[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [sha256, principal, roles] = entry.split(':');
      if (!/^[0-9a-f]{64}$/.test(sha256 ?? '') || !principal || !roles) {
        throw new Error(`PROVENANT_TOKENS entry ${i + 1}: expected sha256hex:principal:role|role`);
      }
      return { sha256, principal, roles: checkRoles(roles.split('|'), `PROVENANT_TOKENS entry ${i + 1}`) };
    });
}

export function readTokenFile(path: string): TokenEntry[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { tokens?: TokenEntry[] };
  if (!Array.isArray(parsed.tokens))
    throw new Error(`PROVENANT_TOKENS_FILE ${path}: expected {"tokens": [...]}`);
  return parsed.tokens.map((t, i) => ({ ...t, roles: checkRoles(t.roles, `${path} token ${i + 1}`) }));
}

/** Only hashes are held, so a leaked config or heap dump does not leak usable tokens. */
export class TokenStore {
  private readonly byHash: Map<string, Principal>;

  constructor(entries: TokenEntry[]) {
    this.byHash = new Map(entries.map((e) => [e.sha256, { id: e.principal, roles: e.roles }]));
  }

  get size(): number {
    return this.byHash.size;
  }

  resolve(token: string): Principal | undefined {
    return this.byHash.get(sha256Hex(token));
  }
}
