import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { assertTenantAccess, AuthError, LedgerError, Principal, TokenVerifier } from '@spbe/ledger-core';
import { PLATFORM_OPERATION } from './operator.guard';
import { TOKEN_VERIFIER } from './tokens';

const IS_PUBLIC = 'spbe:isPublic';
/** Marks a route that needs no token (health, docs, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Every route needs a valid bearer token (401 when missing, expired or wrongly signed); a route
 * with a `:tenantId` parameter also needs the token's tenant to match it (403). The platform-operator
 * credential has no tenant and is accepted only on platform operations (@PlatformOperation, /api/ops/*).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; params: Record<string, string>; principal?: Principal }>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AuthError('unauthenticated', 'missing bearer token / token tidak ada');
    req.principal = await this.verify(m[1]);
    if (req.principal.platformOperator && !this.reflector.getAllAndOverride<boolean>(PLATFORM_OPERATION, [context.getHandler(), context.getClass()])) {
      throw new LedgerError(
        'forbidden',
        'PLATFORM_OPERATOR_NOT_TENANT',
        'kredensial operator platform hanya berlaku untuk /api/ops/*, bukan untuk data Pemda / the platform-operator credential is valid only on /api/ops/*, not on a tenant\'s routes',
      );
    }
    if (req.params?.tenantId) assertTenantAccess(req.principal, req.params.tenantId);
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new AuthError('unauthenticated', 'no authenticated user');
  return principal;
});
