import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse } from '@nestjs/swagger';
import { assertPlatformOperator, AuthError, PLATFORM_OPERATOR_RULE, Principal } from '@spbe/ledger-core';

/** Metadata of a platform operation: the AuthGuard lets the operator credential through only there. */
export const PLATFORM_OPERATION = 'spbe:platformOperation';

/**
 * 403 unless the caller holds the platform-operator credential (`platformOperator: true`, no tenant):
 * a tenant's admin runs its own Pemda, not the platform (seal, projection rebuild, dead letters).
 */
@Injectable()
export class PlatformOperatorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!principal) throw new AuthError('unauthenticated', 'missing bearer token / token tidak ada');
    assertPlatformOperator(principal);
    return true;
  }
}

/** Marks a route under /api/ops/* as a platform operation: only the platform-operator credential may call it. */
export const PlatformOperation = () =>
  applyDecorators(
    SetMetadata(PLATFORM_OPERATION, true),
    UseGuards(PlatformOperatorGuard),
    ApiBearerAuth(),
    ApiForbiddenResponse({ description: PLATFORM_OPERATOR_RULE }),
  );
