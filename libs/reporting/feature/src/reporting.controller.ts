import { Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertRole, EventStore, Principal } from '@spbe/ledger-core';
import { CurrentPrincipal, EVENT_STORE } from '@spbe/platform';
import { AUDIT_TRAIL, AuditTrailRow } from './audit-trail.projection';
import { AuditTrailQuery, buildAuditTrailFilter, encodeCursor } from './audit-trail.query';
import { ReportingService } from './reporting.service';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller()
export class ReportingController {
  constructor(
    private readonly reporting: ReportingService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('api/reporting/tenants/:tenantId/audit-trail')
  @ApiOperation({ summary: 'Audit trail of the Pemda: who decided what, when, under which article; sorted by time, cursor-paginated' })
  @ApiQuery({ name: 'entity', required: false, description: 'stream id' })
  @ApiQuery({ name: 'entityType', required: false, description: 'e.g. registry.tenant' })
  @ApiQuery({ name: 'type', required: false })
  @ApiQuery({ name: 'actor', required: false, description: "actor's id or name" })
  @ApiQuery({ name: 'role', required: false })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'legalBasis', required: false, description: 'prefix, e.g. "kupang-perwali-11-2025 Pasal 52"' })
  @ApiQuery({ name: 'correlationId', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false })
  async auditTrail(@Param('tenantId') tenantId: string, @Query() query: AuditTrailQuery) {
    const { filter, limit } = buildAuditTrailFilter(tenantId, query);
    const rows = await (await this.reporting.projector.read<AuditTrailRow>(AUDIT_TRAIL)).find(filter, { sort: { sortKey: 1 }, limit: limit + 1 });
    const page = rows.slice(0, limit).map(({ _id, sortKey: _sortKey, ...row }) => ({ eventId: _id, ...row }));
    const nextCursor = rows.length > limit ? encodeCursor(rows[limit - 1].sortKey) : null;
    return { items: page, nextCursor };
  }

  @Post('api/ops/projections/:name/rebuild')
  @ApiOperation({ summary: 'Rebuild a projection from the start of the log into a new collection, then switch readers (role admin)' })
  async rebuild(@Param('name') name: string, @CurrentPrincipal() principal: Principal) {
    assertRole(principal, ['admin']);
    return this.reporting.projector.rebuild(name, this.store);
  }
}
