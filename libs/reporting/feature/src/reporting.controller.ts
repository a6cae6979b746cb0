import { Controller, Get, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore, NotFoundError, streamIdOf } from '@spbe/ledger-core';
import { EVENT_STORE, PlatformOperation } from '@spbe/platform';
import { AUDIT_TRAIL, AuditTrailRow } from './audit-trail.projection';
import { AuditTrailQuery, buildAuditTrailFilter, encodeCursor } from './audit-trail.query';
import { auditSummary } from './audit-views.projection';
import { KnownTenantGuard } from './known-tenant.guard';
import { ReportingService } from './reporting.service';
import { cycleView, evaluationOverview } from './evaluation-views.projection';
import { evolverOf, historyWithDiffs, parseAsOf, stateAsOf } from './history';

@ApiTags('reporting')
@ApiBearerAuth()
@UseGuards(KnownTenantGuard)
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
  @ApiQuery({ name: 'limit', required: false, description: '1–200 (REPORTING_MAX_PAGE), default 50' })
  @ApiQuery({ name: 'cursor', required: false })
  async auditTrail(@Param('tenantId') tenantId: string, @Query() query: AuditTrailQuery) {
    const { filter, limit } = buildAuditTrailFilter(tenantId, query, this.reporting.limits.maxPage);
    const rows = await (await this.reporting.projector.read<AuditTrailRow>(AUDIT_TRAIL)).find(filter, { sort: { sortKey: 1 }, limit: limit + 1 });
    const page = rows.slice(0, limit).map(({ _id, sortKey: _sortKey, ...row }) => ({ eventId: _id, ...row }));
    const nextCursor = rows.length > limit ? encodeCursor(rows[limit - 1].sortKey) : null;
    return { items: page, nextCursor };
  }

  @Get('api/reporting/tenants/:tenantId/entities/:entityType/:entityId/history')
  @ApiOperation({ summary: "An entity's events (e.g. registry.unit / dinas-kominfo), each with who, when, the article and what it changed in the state (folded with the write side's evolve)" })
  async history(@Param('tenantId') tenantId: string, @Param('entityType') entityType: string, @Param('entityId') entityId: string) {
    const { streamId, events } = await this.entityEvents(tenantId, entityType, entityId);
    return { tenantId, entityType, entityId, streamId, items: historyWithDiffs(entityType, events) };
  }

  @Get('api/reporting/tenants/:tenantId/entities/:entityType/:entityId/state')
  @ApiOperation({ summary: "An entity's state as of a date (end of day, UTC), a timestamp, or right after one of its events; default now" })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD or ISO timestamp' })
  @ApiQuery({ name: 'eventId', required: false })
  async stateAsOf(@Param('tenantId') tenantId: string, @Param('entityType') entityType: string, @Param('entityId') entityId: string, @Query('asOf') asOf?: string, @Query('eventId') eventId?: string) {
    const at = parseAsOf(asOf, eventId, new Date().toISOString());
    const { streamId, events } = await this.entityEvents(tenantId, entityType, entityId);
    return { tenantId, entityId, streamId, ...stateAsOf(entityType, events, at) };
  }

  private async entityEvents(tenantId: string, entityType: string, entityId: string) {
    evolverOf(entityType);
    const [context, aggregate] = entityType.split('.');
    const streamId = streamIdOf({ tenantId, context, aggregate, id: entityId });
    const events = await this.store.readStream(streamId);
    if (events.length === 0) throw new NotFoundError(entityType, entityId);
    return { streamId, events };
  }

  @Get('api/reporting/tenants/:tenantId/compliance')
  @ApiOperation({ summary: "Every obligation of the Pemda's regulation profile on a date (default today): status, due date, evidence events, citation; and the order-of-events checks. unitId narrows it to one OPD" })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'unitId', required: false })
  async compliance(@Param('tenantId') tenantId: string, @Query('asOf') asOf?: string, @Query('unitId') unitId?: string) {
    return this.reporting.compliance(tenantId, asOf, unitId);
  }

  @Get('api/reporting/tenants/:tenantId/compliance/summary')
  @ApiOperation({ summary: 'Per-year compliance summary: every obligation\'s status at the end of each year since registration (asOf in its own year), and the periods missed in that year' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'unitId', required: false })
  async complianceSummary(@Param('tenantId') tenantId: string, @Query('asOf') asOf?: string, @Query('unitId') unitId?: string) {
    return { years: await this.reporting.complianceYears(tenantId, asOf, unitId) };
  }

  @Get('api/reporting/tenants/:tenantId/audits/summary')
  @ApiOperation({ summary: 'Audit views: programme status per year, conclusions, open findings by severity and age, overdue follow-ups per OPD' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD, default today' })
  async auditsSummary(@Param('tenantId') tenantId: string, @Query('asOf') asOf?: string) {
    const { on, audits, findings } = await this.reporting.audits(tenantId, asOf);
    return auditSummary(audits, findings, on);
  }

  @Get('api/reporting/tenants/:tenantId/evaluation')
  @ApiOperation({ summary: 'Evaluation views: every cycle with its index, predicate, domain and aspect indices; the year-over-year trend of finalised cycles' })
  async evaluation(@Param('tenantId') tenantId: string) {
    return evaluationOverview(await this.reporting.cycles(tenantId));
  }

  @Get('api/reporting/tenants/:tenantId/evaluation/cycles/:cycleId')
  @ApiOperation({ summary: "One cycle's index and every indicator's level at each stage (mandiri, dokumen, interviu, visitasi, akhir)" })
  async evaluationCycle(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string) {
    return cycleView(await this.reporting.cycle(tenantId, cycleId));
  }

  @Post('api/ops/ledger/seal')
  @PlatformOperation()
  @ApiOperation({ summary: 'Seal every pending event into checkpoints now (platform operator)' })
  async seal() {
    return { sealed: await this.reporting.sealing().sealer.sealPending() };
  }

  @Post('api/ops/projections/:name/rebuild')
  @PlatformOperation()
  @ApiOperation({ summary: 'Rebuild a projection from the start of the log into a new collection, then switch readers (platform operator)' })
  async rebuild(@Param('name') name: string) {
    return this.reporting.projector.rebuild(name, this.store);
  }
}
