import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { authenticate, authorize } from './authorize';
import type { Principal, Role } from './principal';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokenStore } from './token-store';

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
    const principal = authenticate(req.headers.authorization, this.tokens);
    req.principal = principal;
    authorize(principal, req.method, this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets));
    return true;
  }
}
