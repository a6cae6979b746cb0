import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  AUDIT_MODES,
  AUDIT_TYPES,
  auditDecider,
  AuditMode,
  auditStreamId,
  AuditType,
  auditFacts,
  CONCLUSIONS,
  Conclusion,
  findingDecider,
  findingStreamId,
  LATIK_KINDS,
  latikDecider,
  LatikKind,
  latikStreamId,
  OBJECT_KINDS,
  programmeDecider,
  programmeStreamId,
  ObjectKind,
  SEVERITIES,
  Severity,
} from '@spbe/audit-domain';
import { assertRole, assertTenantAccess, Principal, ValidationError } from '@spbe/ledger-core';
import { actingRole, CurrentPrincipal, dutyRole, Headers, today } from '@spbe/platform';
import { isDate, resolve } from '@spbe/regulations';
import { AuditService } from './audit.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMsg = (f: string) => ({ message: `${f} must be YYYY-MM-DD` });

export class DocumentDto {
  @ApiProperty() @IsString() @Length(1, 2000) uri!: string;
  @ApiProperty() @Matches(/^[a-f0-9]{64}$/, { message: 'sha256 must be 64 lower-case hex characters' }) sha256!: string;
}

export class CertifiedAuditorDto {
  @ApiProperty() @IsString() @Length(3, 200) name!: string;
  @ApiProperty() @IsString() @Length(1, 100) certificateNo!: string;
  @ApiProperty() @Matches(DATE, dateMsg('certifiedUntil')) certifiedUntil!: string;
}

export class ProgrammeItemDto {
  @ApiPropertyOptional({ example: 'R-AUD-11.infrastructure' }) @IsOptional() @IsString() ruleId?: string;
  @ApiProperty({ enum: ['application', 'infrastructure', 'tenant'] }) @IsIn(['application', 'infrastructure', 'tenant']) objectKind!: 'application' | 'infrastructure' | 'tenant';
  @ApiProperty() @IsString() objectId!: string;
  @ApiProperty({ enum: AUDIT_TYPES }) @IsIn(AUDIT_TYPES as unknown as string[]) auditType!: string;
  @ApiProperty({ enum: AUDIT_MODES }) @IsIn(AUDIT_MODES as unknown as string[]) mode!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 4 }) @IsOptional() @IsInt() plannedQuarter?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class ApproveProgrammeDto {
  @ApiProperty() @Matches(DATE, dateMsg('approvedOn')) approvedOn!: string;
  @ApiProperty({ type: [ProgrammeItemDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ProgrammeItemDto) items!: ProgrammeItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class RegisterLatikDto {
  @ApiProperty({ example: 'latik-nusantara' }) @IsString() latikId!: string;
  @ApiProperty() @IsString() @Length(3, 200) name!: string;
  @ApiPropertyOptional({ enum: LATIK_KINDS, default: 'terakreditasi', description: 'pemerintah: a government LATIK (no accreditation needed, Kupang Pasal 47(4)); terakreditasi: an accredited legal entity' })
  @IsOptional()
  @IsIn(LATIK_KINDS as unknown as string[])
  kind?: LatikKind;
  @ApiProperty() @IsString() @Length(1, 100) registrationNo!: string;
  @ApiProperty({ example: '2027-12-31' }) @Matches(DATE, dateMsg('registeredUntil')) registeredUntil!: string;
  @ApiPropertyOptional({ description: 'Required unless kind is pemerintah' }) @IsOptional() @IsString() @Length(1, 100) accreditationNo?: string;
  @ApiPropertyOptional({ example: '2027-12-31', description: 'Required unless kind is pemerintah' }) @IsOptional() @Matches(DATE, dateMsg('accreditedUntil')) accreditedUntil?: string;
  @ApiPropertyOptional({ type: [CertifiedAuditorDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CertifiedAuditorDto) auditors?: CertifiedAuditorDto[];
}

export class RenewLatikDto {
  @ApiProperty() @IsString() @Length(1, 100) registrationNo!: string;
  @ApiProperty() @Matches(DATE, dateMsg('registeredUntil')) registeredUntil!: string;
  @ApiProperty() @IsString() @Length(1, 100) accreditationNo!: string;
  @ApiProperty() @Matches(DATE, dateMsg('accreditedUntil')) accreditedUntil!: string;
}

export class PlanAuditDto {
  @ApiProperty({ example: 'audit-keamanan-simpus-2026' }) @IsString() auditId!: string;
  @ApiProperty({ enum: AUDIT_TYPES }) @IsIn(AUDIT_TYPES as unknown as string[]) auditType!: AuditType;
  @ApiProperty({ enum: AUDIT_MODES }) @IsIn(AUDIT_MODES as unknown as string[]) mode!: AuditMode;
  @ApiProperty({ enum: OBJECT_KINDS }) @IsIn(OBJECT_KINDS as unknown as string[]) objectKind!: ObjectKind;
  @ApiProperty({ example: 'simpus' }) @IsString() objectId!: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 2000) scope?: string;
}

export class ScheduleAuditDto {
  @ApiProperty({ example: '2026-12-01' }) @Matches(DATE, dateMsg('startDate')) startDate!: string;
  @ApiProperty({ example: '2026-12-12' }) @Matches(DATE, dateMsg('endDate')) endDate!: string;
  @ApiPropertyOptional({ description: 'Required for an external audit' }) @IsOptional() @IsString() latikId?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) auditors?: string[];
}

export class StartAuditDto {
  @ApiProperty() @Matches(DATE, dateMsg('startedOn')) startedOn!: string;
}

export class ReportAuditDto {
  @ApiProperty() @Matches(DATE, dateMsg('reportedOn')) reportedOn!: string;
  @ApiProperty({ enum: CONCLUSIONS }) @IsIn(CONCLUSIONS as unknown as string[]) conclusion!: Conclusion;
  @ApiProperty() @IsString() @Length(3, 4000) summary!: string;
  @ApiPropertyOptional({ type: [DocumentDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => DocumentDto) documents?: DocumentDto[];
}

export class CloseAuditDto {
  @ApiProperty() @Matches(DATE, dateMsg('closedOn')) closedOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class RecordFindingDto {
  @ApiProperty({ example: 'temuan-1' }) @IsString() findingId!: string;
  @ApiProperty() @IsString() auditId!: string;
  @ApiProperty() @IsString() criteria!: string;
  @ApiProperty() @IsString() condition!: string;
  @ApiProperty() @IsString() cause!: string;
  @ApiProperty() @IsString() effect!: string;
  @ApiProperty() @IsString() recommendation!: string;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES as unknown as string[]) severity!: Severity;
  @ApiProperty({ example: 'dinas-kesehatan' }) @IsString() responsibleUnitId!: string;
  @ApiProperty() @Matches(DATE, dateMsg('dueDate')) dueDate!: string;
  @ApiPropertyOptional({ description: 'Evaluation indicator the finding relates to' }) @IsOptional() @IsInt() indicatorNo?: number;
}

export class SubmitFollowUpDto {
  @ApiProperty({ example: 'tl-1' }) @IsString() followUpId!: string;
  @ApiProperty() @Matches(DATE, dateMsg('submittedOn')) submittedOn!: string;
  @ApiProperty() @IsString() @Length(3, 4000) description!: string;
  @ApiProperty({ type: [DocumentDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => DocumentDto) evidence!: DocumentDto[];
}

export class VerifyFollowUpDto {
  @ApiProperty({ enum: ['accepted', 'returned'] }) @IsIn(['accepted', 'returned']) outcome!: 'accepted' | 'returned';
  @ApiProperty() @Matches(DATE, dateMsg('verifiedOn')) verifiedOn!: string;
  @ApiPropertyOptional({ description: 'Required when returned' }) @IsOptional() @IsString() @Length(1, 2000) reasons?: string;
}

export class CloseFindingDto {
  @ApiProperty() @Matches(DATE, dateMsg('closedOn')) closedOn!: string;
}

/** The Audit TIK programme of a Pemda. */
@ApiTags('audit-scheduler')
@ApiBearerAuth()
@Controller('api/audit/tenants/:tenantId')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  private get store() {
    return this.audit.aggregates;
  }

  @Get('objects')
  @ApiOperation({ summary: 'Audit objects (applications, infrastructure) learned from the registry' })
  async objects(@Param('tenantId') tenantId: string) {
    await this.audit.tenant(tenantId);
    return { items: await this.audit.objects(tenantId) };
  }

  @Get('due')
  @ApiOperation({ summary: "Every object with its next due audits under the tenant's profile: status, due date, citation" })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD, default today' })
  async due(@Param('tenantId') tenantId: string, @Query('asOf') asOf?: string) {
    const on = asOf ?? today();
    if (!isDate(on)) throw new ValidationError('asOf', 'must be a calendar date YYYY-MM-DD');
    return { asOf: on, items: await this.audit.due(tenantId, on) };
  }

  @Get('programme/:year/proposal')
  @ApiOperation({ summary: 'A programme proposal for the year: every audit due or overdue by the end of that year, with the article behind it' })
  async proposal(@Param('tenantId') tenantId: string, @Param('year') year: string) {
    if (!/^\d{4}$/.test(year)) throw new ValidationError('year', 'must be a year, e.g. 2027');
    const end = `${year}-12-31`;
    const items = (await this.audit.due(tenantId, end < today() ? end : today()))
      .flatMap((e) => e.obligations)
      .filter((o) => o.status !== 'not-applicable' && o.dueDate !== null && o.dueDate <= end && o.status !== 'fulfilled');
    return { year: Number(year), items };
  }

  @Post('programme/:year/approval')
  @HttpCode(201)
  @ApiOperation({ summary: 'Approve (or adjust) the year programme: the audits chosen from the proposal, by the audit planner the profile names' })
  async approveProgramme(@Param('tenantId') tenantId: string, @Param('year') year: string, @Body() dto: ApproveProgrammeDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    const y = Number(year);
    const knownObjects = (await this.audit.objects(tenantId)).map((o) => `${o.kind}|${o.id}`);
    const command = { type: 'ApproveProgramme' as const, year: y, approvedOn: dto.approvedOn, items: dto.items.map((i) => ({ ...i, ruleId: i.ruleId ?? null, plannedQuarter: i.plannedQuarter ?? null })), note: dto.note, knownObjects, profile, role, today: today() };
    if (!Number.isInteger(y)) throw new ValidationError('year', 'must be a year, e.g. 2027');
    return this.store.execute(programmeDecider, programmeStreamId(tenantId, y), command, { principal, headers, tenantId, role }, { creates: true, id: year, what: 'programme' });
  }

  @Get('programme/:year')
  @ApiOperation({ summary: 'The approved programme of the year with every version' })
  programme(@Param('tenantId') tenantId: string, @Param('year') year: string) {
    if (!/^\d{4}$/.test(year)) throw new ValidationError('year', 'must be a year, e.g. 2027');
    return this.store.get(programmeDecider, programmeStreamId(tenantId, Number(year)), 'programme', year);
  }

  @Post('latiks')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an external audit body (LATIK) with registration, accreditation and certified auditors (inspektorat, dinas, koordinator)' })
  async registerLatik(@Param('tenantId') tenantId: string, @Body() dto: RegisterLatikDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['inspektorat', 'dinas', 'koordinator']);
    await this.audit.tenant(tenantId);
    const command = { type: 'RegisterLatik' as const, ...dto, auditors: dto.auditors?.map((a) => ({ ...a })) };
    return this.store.execute(latikDecider, latikStreamId(tenantId, dto.latikId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.latikId, what: 'LATIK' });
  }

  @Post('latiks/:latikId/renewal')
  @HttpCode(201)
  async renewLatik(@Param('tenantId') tenantId: string, @Param('latikId') id: string, @Body() dto: RenewLatikDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['inspektorat', 'dinas', 'koordinator']);
    return this.store.execute(latikDecider, latikStreamId(tenantId, id), { type: 'RenewLatik', ...dto }, { principal, headers, tenantId, role }, { id, what: 'LATIK' });
  }

  @Get('latiks')
  async latiks(@Param('tenantId') tenantId: string) {
    return { items: await this.store.all(latikDecider, tenantId, 'audit', 'latik') };
  }

  @Get('auditors')
  @ApiOperation({ summary: 'Who audits: the Tim Auditor TIK internal as appointed by decree in the registry (each member with decree, period, legal basis) and the external bodies (LATIK)' })
  async auditors(@Param('tenantId') tenantId: string) {
    const { profile } = await this.audit.tenant(tenantId);
    const duty = resolve(profile.roles.internalAuditor);
    return {
      internalAuditor: duty ? { holder: duty.value, citation: duty.citation } : null,
      internalTeam: await this.audit.team(tenantId),
      latiks: await this.store.all(latikDecider, tenantId, 'audit', 'latik'),
    };
  }

  @Post('audits')
  @HttpCode(201)
  @ApiOperation({ summary: 'Plan an audit of an object (the role of the audit planner the profile names)' })
  async plan(@Param('tenantId') tenantId: string, @Body() dto: PlanAuditDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    const objectExists = !!(await this.audit.object(tenantId, dto.objectKind, dto.objectId));
    const priorFacts = auditFacts(await this.audit.audits(tenantId));
    const command = { type: 'PlanAudit' as const, ...dto, objectExists, priorFacts, profile, role, today: today() };
    return this.store.execute(auditDecider, auditStreamId(tenantId, dto.auditId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.auditId, what: 'audit' });
  }

  @Post('audits/:auditId/schedule')
  @HttpCode(201)
  @ApiOperation({ summary: 'Set the dates; order rules of the profile apply (internal before external, 422 with the article); an external audit needs a LATIK registered and accredited until the end date (422)' })
  async schedule(@Param('tenantId') tenantId: string, @Param('auditId') id: string, @Body() dto: ScheduleAuditDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    const latikState = dto.latikId ? await this.store.state(latikDecider, latikStreamId(tenantId, dto.latikId)) : null;
    const latik = latikState?.exists ? { latikId: dto.latikId!, kind: latikState.kind, registeredUntil: latikState.registeredUntil!, accreditedUntil: latikState.accreditedUntil ?? null } : null;
    const priorFacts = auditFacts(await this.audit.audits(tenantId));
    const team = (await this.audit.team(tenantId)).map((m) => ({ name: m.name, from: m.from, until: m.until }));
    const command = { type: 'ScheduleAudit' as const, ...dto, latik, team, priorFacts, profile, role, today: today() };
    return this.store.execute(auditDecider, auditStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'audit' });
  }

  @Post('audits/:auditId/start')
  @HttpCode(201)
  start(@Param('tenantId') t: string, @Param('auditId') id: string, @Body() dto: StartAuditDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.auditStep(t, id, { type: 'StartAudit', ...dto }, p, h);
  }

  @Post('audits/:auditId/report')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the report with its conclusion (memadai, perlu-peningkatan, tidak-memadai)' })
  report(@Param('tenantId') t: string, @Param('auditId') id: string, @Body() dto: ReportAuditDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.auditStep(t, id, { type: 'ReportAudit', ...dto, documents: dto.documents?.map((d) => ({ ...d })) }, p, h);
  }

  @Post('audits/:auditId/close')
  @HttpCode(201)
  close(@Param('tenantId') t: string, @Param('auditId') id: string, @Body() dto: CloseAuditDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.auditStep(t, id, { type: 'CloseAudit', ...dto }, p, h);
  }

  @Get('audits')
  async audits(@Param('tenantId') tenantId: string) {
    return { items: await this.audit.audits(tenantId) };
  }

  @Get('audits/:auditId')
  audit_(@Param('tenantId') tenantId: string, @Param('auditId') id: string) {
    return this.store.get(auditDecider, auditStreamId(tenantId, id), 'audit', id);
  }

  @Get('audits/:auditId/history')
  auditHistory(@Param('tenantId') tenantId: string, @Param('auditId') id: string) {
    return this.store.history(auditStreamId(tenantId, id), 'audit', id);
  }

  @Post('findings')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a finding on a reported audit (the audit planner the profile names)' })
  async recordFinding(@Param('tenantId') tenantId: string, @Body() dto: RecordFindingDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    const audit = await this.store.state(auditDecider, auditStreamId(tenantId, dto.auditId));
    const auditReported = audit.exists && (audit.status === 'reported' || audit.status === 'closed');
    const unitExists = await this.unitKnown(tenantId, dto.responsibleUnitId);
    const command = { type: 'RecordFinding' as const, ...dto, auditReported, unitExists, profile, role, today: today() };
    return this.store.execute(findingDecider, findingStreamId(tenantId, dto.findingId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.findingId, what: 'finding' });
  }

  @Post('findings/:findingId/follow-ups')
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit a tindak lanjut with evidence (the responsible OPD, role opd of that unit)' })
  async submitFollowUp(@Param('tenantId') tenantId: string, @Param('findingId') id: string, @Body() dto: SubmitFollowUpDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['opd', 'koordinator']);
    const { profile } = await this.audit.tenant(tenantId);
    const command = { type: 'SubmitFollowUp' as const, ...dto, evidence: dto.evidence.map((d) => ({ ...d })), actingUnitId: principal.unitId, profile, role, today: today() };
    return this.store.execute(findingDecider, findingStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'finding' });
  }

  @Post('findings/:findingId/follow-ups/:followUpId/verification')
  @HttpCode(201)
  @ApiOperation({ summary: 'Accept or return (with reasons) a follow-up (the audit planner the profile names, e.g. the Inspektorat)' })
  async verify(@Param('tenantId') tenantId: string, @Param('findingId') id: string, @Param('followUpId') followUpId: string, @Body() dto: VerifyFollowUpDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    const command = { type: 'VerifyFollowUp' as const, followUpId, ...dto, profile, role, today: today() };
    return this.store.execute(findingDecider, findingStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'finding' });
  }

  @Post('findings/:findingId/close')
  @HttpCode(201)
  async closeFinding(@Param('tenantId') tenantId: string, @Param('findingId') id: string, @Body() dto: CloseFindingDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    return this.store.execute(findingDecider, findingStreamId(tenantId, id), { type: 'CloseFinding' as const, ...dto, profile, role, today: today() }, { principal, headers, tenantId, role }, { id, what: 'finding' });
  }

  @Get('findings')
  async findings(@Param('tenantId') tenantId: string) {
    return { items: await this.store.all(findingDecider, tenantId, 'audit', 'finding') };
  }

  @Get('findings/:findingId')
  finding(@Param('tenantId') tenantId: string, @Param('findingId') id: string) {
    return this.store.get(findingDecider, findingStreamId(tenantId, id), 'finding', id);
  }

  @Get('findings/:findingId/history')
  findingHistory(@Param('tenantId') tenantId: string, @Param('findingId') id: string) {
    return this.store.history(findingStreamId(tenantId, id), 'finding', id);
  }

  @Post('overdue/run')
  @HttpCode(201)
  @ApiOperation({ summary: 'Run the overdue check now (admin or inspektorat); the daily run does the same. Records each overdue once' })
  @ApiQuery({ name: 'asOf', required: false })
  async runOverdue(@Param('tenantId') tenantId: string, @CurrentPrincipal() principal: Principal, @Query('asOf') asOf?: string) {
    assertTenantAccess(principal, tenantId);
    assertRole(principal, ['admin', 'inspektorat']);
    const on = asOf ?? today();
    if (!isDate(on) || on > today()) throw new ValidationError('asOf', 'must be a calendar date YYYY-MM-DD, not in the future');
    return this.audit.runOverdue(tenantId, on);
  }

  private async unitKnown(tenantId: string, unitId: string): Promise<boolean> {
    return typeof unitId === 'string' && !!(await this.audit.unit(tenantId, unitId));
  }

  private async auditStep(tenantId: string, id: string, fields: Record<string, unknown>, principal: Principal, headers: Headers) {
    const { profile } = await this.audit.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'auditPlanner');
    const command = { ...fields, profile, role, today: today() } as Parameters<typeof auditDecider.decide>[0];
    return this.store.execute(auditDecider, auditStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'audit' });
  }
}
