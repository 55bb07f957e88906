import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { loadTokenStore } from './load-tokens';
import { sha256Hex, TokenStore } from './token-store';

function context(req: Record<string, any>, meta: Record<string, unknown> = {}): ExecutionContext {
  const handler = () => undefined;
  for (const [k, v] of Object.entries(meta)) Reflect.defineMetadata(k, v, handler);
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe(AuthGuard.name, () => {
  const store = new TokenStore([
    { sha256: sha256Hex('s3cret-sci'), principal: 'ana', roles: ['scientist'] },
    { sha256: sha256Hex('s3cret-adm'), principal: 'root', roles: ['admin'] },
  ]);
  const sut = new AuthGuard(new Reflector(), store);
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('lets public routes through without a token', () => {
    expect(sut.canActivate(context({ method: 'GET', headers: {} }, { [PUBLIC_KEY]: true }))).toBe(true);
  });

  it('answers 401 without a token, and for an unknown token', () => {
    expect(() => sut.canActivate(context({ method: 'GET', headers: {} }))).toThrow(UnauthorizedException);
    expect(() => sut.canActivate(context({ method: 'GET', headers: bearer('nope') }))).toThrow(
      UnauthorizedException,
    );
  });

  it('attaches the principal for an allowed role', () => {
    const req = { method: 'POST', headers: bearer('s3cret-sci') } as Record<string, any>;
    expect(sut.canActivate(context(req, { [ROLES_KEY]: ['scientist'] }))).toBe(true);
    expect(req.principal).toEqual({ id: 'ana', roles: ['scientist'] });
  });

  it('answers 403 naming the role needed', () => {
    const req = { method: 'POST', headers: bearer('s3cret-sci') };
    try {
      sut.canActivate(context(req, { [ROLES_KEY]: ['approver'] }));
      fail('expected ForbiddenException');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenException);
      expect((err as ForbiddenException).getResponse()).toMatchObject({ requiredRoles: ['approver'] });
      expect((err as Error).message).toContain('requires role approver');
    }
  });

  it('fails closed on a mutating route that declares no role', () => {
    expect(() => sut.canActivate(context({ method: 'DELETE', headers: bearer('s3cret-sci') }))).toThrow(
      ForbiddenException,
    );
    expect(sut.canActivate(context({ method: 'DELETE', headers: bearer('s3cret-adm') }))).toBe(true);
  });
});

describe(loadTokenStore.name, () => {
  it('refuses to start in production without configured tokens, naming the variable', () => {
    expect(() => loadTokenStore({ NODE_ENV: 'production', PROVENANT_TOKENS: '' })).toThrow(
      /PROVENANT_TOKENS/,
    );
  });

  it('uses the public development set outside production', () => {
    expect(
      loadTokenStore({ NODE_ENV: 'development', PROVENANT_TOKENS: '' }).resolve('dev-approver-token')?.roles,
    ).toContain('approver');
  });

  it('parses an inline list and rejects unknown roles', () => {
    const hash = sha256Hex('t');
    expect(
      loadTokenStore({ NODE_ENV: 'production', PROVENANT_TOKENS: `${hash}:ci:pipeline` }).resolve('t')?.id,
    ).toBe('ci');
    expect(() => loadTokenStore({ NODE_ENV: 'production', PROVENANT_TOKENS: `${hash}:ci:wizard` })).toThrow(
      /unknown role "wizard"/,
    );
  });
});
