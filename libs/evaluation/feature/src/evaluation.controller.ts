import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsInt, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { auditIndicators, computeIndex, cycleDecider, Framework, frameworkVersionDecider, frameworkVersionStreamId, cycleResult, cycleStreamId, frameworkOf, FRAMEWORKS, improvementPlan, Levels, STAGES, Stage, validateLevels, yearOverYear } from '@spbe/evaluation-domain';
import { assertTenantAccess, Principal, Role, ValidationError } from '@spbe/ledger-core';
import { actingRole, AggregateStore, CurrentPrincipal, Headers, today } from '@spbe/platform';
import { isEntityId } from '@spbe/registry-domain';
import { EvaluationService } from './evaluation.service';

class DecreeDto {
  @ApiProperty() @IsString() @Length(1, 200) number!: string;
  @ApiProperty({ example: '2026-02-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asesorDecree.date must be YYYY-MM-DD' }) date!: string;
  @ApiProperty() @IsString() @Length(1, 200) signer!: string;
}

export class OpenCycleDto {
  @ApiProperty({ example: 2026 }) @IsInt() year!: number;
  @ApiProperty({ enum: Object.keys(FRAMEWORKS) }) @IsString() frameworkId!: string;
  @ApiProperty({ type: DecreeDto, description: "The Tim Asesor Internal's decree: { number, date, signer }, or its number alone" }) @IsDefined() asesorDecree!: DecreeDto | string;
  @ApiProperty({ type: [String], description: 'Member names, or { name, nip?, role? }' }) @IsArray() members!: Array<string | { name: string; nip?: string; role?: string }>;
}

class EvidenceDto {
  @ApiProperty() @IsString() @Length(1, 2000) uri!: string;
  @ApiProperty() @Matches(/^[a-f0-9]{64}$/, { message: 'sha256 must be 64 lower-case hex characters' }) sha256!: string;
}

export class AssessmentDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt({ message: 'level must be an integer from 1 to 5' }) level!: number;
  @ApiProperty({ description: 'Fact and analysis sentences' }) @IsString() explanation!: string;
  @ApiPropertyOptional({ type: [EvidenceDto], description: 'Required when the asesor transcribes dokumen, interviu, visitasi or akhir: the source document of the national assessment' }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => EvidenceDto) evidence?: EvidenceDto[];
  @ApiPropertyOptional({ description: 'Required when the level differs from the previous stage' }) @IsOptional() @IsString() justification?: string;
  @ApiPropertyOptional({ description: 'Required after the cycle is final: the reason of the correction' }) @IsOptional() @IsString() correctionReason?: string;
}

export class FrameworkVersionDto {
  @ApiProperty({ example: 'spbe-2020-koreksi-1' }) @IsString() frameworkId!: string;
  @ApiProperty({ example: 'spbe-2020' }) @IsString() basedOn!: string;
  @ApiProperty({ example: { indicatorWeights: { '1': 140, '2': 120 } }, description: 'Weights in hundredths of a percent; predicates [{ predicate, min }] from the highest' }) @IsObject() correction!: Record<string, unknown>;
  @ApiProperty() @IsString() reason!: string;
  @ApiProperty({ example: { regulation: 'lampiran-permenpanrb-59-2020-ralat', article: 'Tabel 7' } }) @IsObject() legalBasis!: { regulation: string; article: string };
}

export class OwnerDto {
  @ApiProperty({ example: 'dinas-kominfo' }) @IsString() unitId!: string;
}

export class LevelsDto {
  @ApiProperty({ example: { '1': 3, '11': 2 }, description: 'Hypothetical levels by indicator number; indicators left out count at level 1' }) @IsObject() levels!: Record<string, number>;
}

const ASSESSORS: Role[] = ['asesor', 'asesor-eksternal'];
/** The Koordinator SPBE's office (opening and finalising also by the profile's finaliser: EvaluationService.coordinatorRoles). */
const COORDINATOR: Role[] = ['koordinator'];

/** Maturity evaluation cycles, the Indeks SPBE / Indeks Pemdi, what-if and the improvement planner. */
@ApiTags('evaluation-scoring')
@ApiBearerAuth()
@Controller('api/evaluation')
export class EvaluationController {
  constructor(
    private readonly store: AggregateStore,
    private readonly evaluation: EvaluationService,
  ) {}

  private resolve(tenantId: string, id: string): Promise<Framework> {
    return resolveFramework(this.store, tenantId, id);
  }

  @Get('frameworks')
  frameworks() {
    return { items: Object.values(FRAMEWORKS).map((f) => ({ id: f.id, regulation: f.regulation, indicators: f.indicators.length, aspects: f.aspects.length, domains: f.domains.length })) };
  }

  @Get('frameworks/:frameworkId')
  framework(@Param('frameworkId') id: string) {
    return frameworkOf(id);
  }

  @Post('frameworks/:frameworkId/what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'Index and predicate for hypothetical levels (indicators left out count at level 1)' })
  whatIf(@Param('frameworkId') id: string, @Body() dto: LevelsDto) {
    const f = frameworkOf(id);
    const { levels, assumed } = withMinimum(f.indicators.map((i) => i.no), validateLevels(f, dto.levels, false));
    return { ...computeIndex(f, levels), assumedLevel1: assumed };
  }

  @Post('frameworks/:frameworkId/plan')
  @HttpCode(200)
  @ApiOperation({ summary: 'The smallest set of one-level raises that reaches the next predicate, heaviest indicators first' })
  plan(@Param('frameworkId') id: string, @Body() dto: LevelsDto) {
    const f = frameworkOf(id);
    return improvementPlan(f, withMinimum(f.indicators.map((i) => i.no), validateLevels(f, dto.levels, false)).levels);
  }

  @Post('tenants/:tenantId/frameworks')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a corrected framework version by event (koordinator): a new id based on a national framework; the old one is never edited' })
  async registerFramework(@Param('tenantId') tenantId: string, @Body() dto: FrameworkVersionDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, COORDINATOR);
    const command = { type: 'RegisterFrameworkVersion' as const, frameworkId: dto.frameworkId, basedOn: dto.basedOn, correction: { ...dto.correction }, reason: dto.reason, legalBasis: { ...dto.legalBasis }, role };
    return this.store.execute(frameworkVersionDecider, frameworkVersionStreamId(tenantId, dto.frameworkId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.frameworkId, what: 'framework' });
  }

  @Get('tenants/:tenantId/frameworks/:frameworkId')
  @ApiOperation({ summary: "A framework as this Pemda may use it: a national one or a corrected version it registered" })
  tenantFramework(@Param('tenantId') tenantId: string, @Param('frameworkId') id: string) {
    return this.resolve(tenantId, id);
  }

  @Post('tenants/:tenantId/cycles')
  @HttpCode(201)
  @ApiOperation({ summary: "Open a cycle (koordinator) with the Tim Asesor Internal's decree and members → { cycleId }" })
  async open(@Param('tenantId') tenantId: string, @Body() dto: OpenCycleDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const mayOpen = await this.evaluation.coordinatorRoles(tenantId);
    const role = actingRole(principal, tenantId, [...mayOpen, ...ASSESSORS]);
    const f = await this.resolve(tenantId, dto.frameworkId);
    const cycleId = `${f.id}-${dto.year}`;
    const command = { type: 'OpenCycle' as const, cycleId, ...dto, framework: f, mayOpen, role, actorName: principal.name, today: today(), profile: await this.evaluation.profile(tenantId) };
    const r = await this.store.execute(cycleDecider, cycleStreamId(tenantId, cycleId), command, { principal, headers, tenantId, role }, { creates: true, id: cycleId, what: 'cycle' });
    return { cycleId, version: r.version, eventIds: r.eventIds, replayed: r.replayed };
  }

  @Put('tenants/:tenantId/cycles/:cycleId/indicators/:indicatorNo/assessments/:stage')
  @ApiOperation({ summary: 'Record a level at a stage (mandiri by asesor; dokumen, interviu, visitasi, akhir by asesor-eksternal, or by asesor transcribing the national results with the source document as evidence)' })
  async assess(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string, @Param('indicatorNo') no: string, @Param('stage') stage: string, @Body() dto: AssessmentDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ASSESSORS);
    if (!(STAGES as readonly string[]).includes(stage)) throw new ValidationError('stage', `must be one of ${STAGES.join(', ')}`);
    if (!/^\d+$/.test(no)) throw new ValidationError('indicatorNo', 'must be an indicator number');
    const command = { type: 'Assess' as const, indicatorNo: Number(no), stage: stage as Stage, ...dto, evidence: dto.evidence?.map((e) => ({ ...e })), role, actorName: principal.name, today: today(), profile: await this.evaluation.profile(tenantId) };
    return this.store.execute(cycleDecider, cycleStreamId(tenantId, cycleId), command, { principal, headers, tenantId, role }, { id: cycleId, what: 'cycle' });
  }

  @Post('tenants/:tenantId/cycles/:cycleId/finalize')
  @HttpCode(201)
  @ApiOperation({ summary: "Finalise (koordinator, or the role of the finaliser the tenant's profile names) once every indicator has a final (akhir) level" })
  async finalize(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const mayFinalize = await this.evaluation.coordinatorRoles(tenantId);
    const role = actingRole(principal, tenantId, [...mayFinalize, ...ASSESSORS]);
    const command = { type: 'FinalizeCycle' as const, mayFinalize, role, actorName: principal.name, today: today(), profile: await this.evaluation.profile(tenantId) };
    return this.store.execute(cycleDecider, cycleStreamId(tenantId, cycleId), command, { principal, headers, tenantId, role }, { id: cycleId, what: 'cycle' });
  }

  @Put('tenants/:tenantId/cycles/:cycleId/indicators/:indicatorNo/owner')
  @ApiOperation({ summary: 'Assign the OPD responsible for an indicator (koordinator)' })
  async owner(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string, @Param('indicatorNo') no: string, @Body() dto: OwnerDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, [...COORDINATOR, ...ASSESSORS]);
    if (!/^\d+$/.test(no)) throw new ValidationError('indicatorNo', 'must be an indicator number');
    const command = { type: 'AssignIndicatorOwner' as const, indicatorNo: Number(no), unitId: dto.unitId, mayAssign: COORDINATOR, role, actorName: principal.name, today: today() };
    return this.store.execute(cycleDecider, cycleStreamId(tenantId, cycleId), command, { principal, headers, tenantId, role }, { id: cycleId, what: 'cycle' });
  }

  @Get('tenants/:tenantId/cycles/:cycleId/evidence-candidates')
  @ApiOperation({ summary: "Closed audits of the cycle's year (from the audit-scheduler's events) as evidence candidates for the framework's audit indicators" })
  async evidenceCandidates(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string) {
    const s = await this.store.get(cycleDecider, cycleStreamId(tenantId, cycleId), 'cycle', cycleId);
    const audits = (await this.evaluation.closedAudits(tenantId)).filter((a) => a.closedOn.startsWith(String(s.year)));
    return { items: audits.map(({ _id: _ignored, ...a }) => ({ ...a, indicators: auditIndicators(s.framework!, a.auditType) })) };
  }

  @Get('tenants/:tenantId/cycles/:cycleId/result')
  @ApiOperation({ summary: 'Index, predicate, domain, aspect and indicator values (latest stage per indicator; final levels once finalised)' })
  async result(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string) {
    const s = await this.store.get(cycleDecider, cycleStreamId(tenantId, cycleId), 'cycle', cycleId);
    const { stages: _stages, ...r } = cycleResult(s);
    return { ...r, year: s.year, finalized: s.finalized };
  }

  @Get('tenants/:tenantId/cycles/:cycleId')
  cycle(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string) {
    return this.store.get(cycleDecider, cycleStreamId(tenantId, cycleId), 'cycle', cycleId);
  }

  @Get('tenants/:tenantId/cycles/:cycleId/history')
  history(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string) {
    return this.store.history(cycleStreamId(tenantId, cycleId), 'cycle', cycleId);
  }

  @Get('tenants/:tenantId/comparison')
  @ApiOperation({
    summary:
      'Year-over-year: every finalised cycle (by year) with its index and predicate and, from the second year on, `change` against the previous finalised year: ' +
      'the index change (2 decimals half-up, and exact), the predicate before and after, and per domain / aspect when both cycles use the same instrument',
  })
  async comparison(@Param('tenantId') tenantId: string, @CurrentPrincipal() principal: Principal) {
    assertTenantAccess(principal, tenantId);
    const cycles = (await this.store.all(cycleDecider, tenantId, 'evaluation', 'cycle')).filter((c) => c.finalized);
    return {
      items: yearOverYear(
        cycles.map((c) => ({ cycleId: c.id, year: c.year!, framework: c.framework!, levels: Object.fromEntries(cycleResult(c).indicators.map((i) => [i.no, i.level])) })),
      ),
    };
  }
}

/** Resolves a national framework or a corrected version registered by the tenant (400 naming the field). */
async function resolveFramework(store: AggregateStore, tenantId: string, id: string): Promise<Framework> {
  if (FRAMEWORKS[id]) return FRAMEWORKS[id];
  const registered = isEntityId(id) ? (await store.state(frameworkVersionDecider, frameworkVersionStreamId(tenantId, id))).framework : undefined;
  return registered ?? frameworkOf(id);
}

function withMinimum(all: number[], given: Levels): { levels: Levels; assumed: number[] } {
  const assumed = all.filter((no) => given[no] === undefined);
  return { levels: { ...Object.fromEntries(assumed.map((no) => [no, 1])), ...given }, assumed };
}
