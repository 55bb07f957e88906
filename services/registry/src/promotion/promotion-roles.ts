import { ForbiddenException } from '@nestjs/common';
import type { Principal, Role } from '@provenant/platform';

/** Who may request a promotion to a target: production needs an approver (or CI's pipeline identity). */
export function rolesToPromote(target: string): Role[] {
  return target === 'production' ? ['approver', 'pipeline'] : ['scientist', 'pipeline', 'approver'];
}

/** The same 403 shape as the auth guard's, naming the role needed. */
export function requireRole(principal: Principal, needed: Role[], action: string): void {
  if (principal.roles.includes('admin') || needed.some((r) => principal.roles.includes(r))) return;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    message: `${action} requires role ${needed.join(' or ')}; ${principal.id} has ${principal.roles.join(', ') || 'no roles'}`,
    requiredRoles: needed,
  });
}
