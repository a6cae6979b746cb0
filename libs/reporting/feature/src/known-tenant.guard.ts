import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { NotFoundError } from '@spbe/ledger-core';
import { AUDIT_TRAIL, AuditTrailRow } from './audit-trail.projection';
import { COMPLIANCE_TENANTS, ComplianceTenantDoc } from './compliance.projection';
import { ReportingService } from './reporting.service';

/**
 * Every reporting route under `tenants/{tenantId}` answers only for a Pemda the ledger knows
 * (registered, as projected from its TenantRegistered event, or with events of its own): an unknown
 * one is a 404, never an empty page. Runs after authentication, so 401/403 come first.
 */
@Injectable()
export class KnownTenantGuard implements CanActivate {
  constructor(private readonly reporting: ReportingService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const tenantId = context.switchToHttp().getRequest<{ params?: Record<string, string> }>().params?.['tenantId'];
    if (tenantId === undefined) return true;
    const registered = await (await this.reporting.projector.read<ComplianceTenantDoc>(COMPLIANCE_TENANTS)).get(tenantId);
    if (!registered && (await (await this.reporting.projector.read<AuditTrailRow>(AUDIT_TRAIL)).find({ tenantId }, { limit: 1 })).length === 0) throw new NotFoundError('tenant', tenantId);
    return true;
  }
}
