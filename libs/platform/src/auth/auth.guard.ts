import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Principal, Role } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokenStore } from './token-store';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Bearer-token authentication for every HTTP route, with role checks. A mutating route that does
 * not declare its roles is refused to everyone but `admin`, so forgetting `@Roles` fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
    const principal = this.tokens.resolve(match[1]);
    if (!principal) throw new UnauthorizedException('unknown or revoked bearer token');
    req.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    const needed: Role[] | undefined = required ?? (MUTATING.has(req.method) ? ['admin'] : undefined);
    if (!needed || principal.roles.includes('admin') || needed.some((r) => principal.roles.includes(r)))
      return true;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: `requires role ${needed.join(' or ')}; ${principal.id} has ${principal.roles.join(', ') || 'no roles'}`,
      requiredRoles: needed,
    });
  }
}
