import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { Principal, Role } from './principal';
import type { TokenStore } from './token-store';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The caller behind an `Authorization` header, or 401. */
export function authenticate(header: string | undefined, tokens: TokenStore): Principal {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
  const principal = tokens.resolve(match[1]);
  if (!principal) throw new UnauthorizedException('unknown or revoked bearer token');
  return principal;
}

/**
 * 403 unless the principal holds one of `required`. A mutating route that declares no roles is
 * refused to everyone but `admin`, so forgetting `@Roles` fails closed.
 */
export function authorize(principal: Principal, method: string, required: Role[] | undefined): void {
  const needed: Role[] | undefined = required ?? (MUTATING.has(method) ? ['admin'] : undefined);
  if (!needed || principal.roles.includes('admin') || needed.some((r) => principal.roles.includes(r))) return;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    message: `requires role ${needed.join(' or ')}; ${principal.id} has ${principal.roles.join(', ') || 'no roles'}`,
    requiredRoles: needed,
  });
}
