import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AuthError, Principal } from '@spbe/ledger-core';
import { CurrentPrincipal } from '@spbe/platform';
import { DesignationCommand, designationDecider, designationIsOpen, designationStreamId } from '@spbe/registry-domain';
import { Duty } from '@spbe/regulations';
import { DecreeDto, LegalBasisDto } from './tenants.dto';
import { actingRole, dutyRole, Headers, RegistryStore, today } from './registry.store';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SubmitDesignationDto {
  @ApiProperty({ example: 'mandiri-dinkes-2026' })
  @IsString()
  designationId!: string;

  @ApiProperty({ example: 'dinas-kesehatan' })
  @IsString()
  unitId!: string;

  @ApiProperty({ enum: ['permohonan', 'inisiatif'], description: 'permohonan: the PD applied; inisiatif: the Dinas initiated the assessment' })
  @IsIn(['permohonan', 'inisiatif'])
  origin!: 'permohonan' | 'inisiatif';

  @ApiProperty({ example: '2026-02-01' })
  @Matches(DATE, { message: 'submittedOn must be YYYY-MM-DD' })
  submittedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  grounds?: string;
}

export class CriterionResultDto {
  @ApiProperty({ example: 'a' })
  @IsString()
  criterionId!: string;

  @ApiProperty()
  @IsBoolean()
  met!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class AssessDesignationDto {
  @ApiProperty({ example: '2026-02-15' })
  @Matches(DATE, { message: 'assessedOn must be YYYY-MM-DD' })
  assessedOn!: string;

  @ApiProperty({ type: [CriterionResultDto], description: "One result per criterion of the tenant's profile" })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionResultDto)
  results!: CriterionResultDto[];
}

export class ProposeDesignationDto {
  @ApiProperty({ example: '2026-02-20' })
  @Matches(DATE, { message: 'proposedOn must be YYYY-MM-DD' })
  proposedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class DecideDesignationDto {
  @ApiProperty({ enum: ['designated', 'refused'] })
  @IsIn(['designated', 'refused'])
  outcome!: 'designated' | 'refused';

  @ApiProperty({ type: DecreeDto, description: 'Keputusan of the head of region' })
  @ValidateNested()
  @Type(() => DecreeDto)
  decree!: DecreeDto;

  @ApiPropertyOptional({ description: 'Required when refused' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reasons?: string;
}

export class RevokeDesignationDto {
  @ApiProperty({ type: DecreeDto })
  @ValidateNested()
  @Type(() => DecreeDto)
  decree!: DecreeDto;

  @ApiProperty()
  @IsString()
  @Length(3, 2000)
  reasons!: string;

  @ApiProperty({ type: LegalBasisDto, description: 'No regulation sets a revocation rule: the Pemda instrument it rests on' })
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis!: LegalBasisDto;
}

type Step = Exclude<DesignationCommand['type'], 'SubmitDesignation'>;
const STEP_DUTY: Record<Step, Duty> = {
  AssessDesignation: 'mandiriTikAssessor',
  ProposeDesignation: 'mandiriTikAssessor',
  DecideDesignation: 'mandiriTikDesignator',
  RevokeDesignation: 'mandiriTikDesignator',
};

/** Perangkat Daerah Mandiri TIK: application → Dinas assessment → proposal → decree → revocation. */
@ApiTags('registry: PD Mandiri TIK designations')
@ApiBearerAuth()
@Controller('api/registry/tenants/:tenantId/designations')
export class DesignationsController {
  constructor(private readonly registry: RegistryStore) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Record a PD's application (role opd, for its own unit) or the Dinas initiative (dinas, koordinator); refused (422) while the profile has no criteria" })
  async submit(@Param('tenantId') tenantId: string, @Body() dto: SubmitDesignationDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['opd', 'dinas', 'koordinator']);
    if (role === 'opd' && principal.unitId !== dto.unitId) throw new AuthError('forbidden', `a PD applies for itself: token unit ${principal.unitId ?? '(none)'}, not ${dto.unitId} / PD hanya mengajukan untuk dirinya`);
    const { profile } = await this.registry.tenant(tenantId);
    const streamId = designationStreamId(tenantId, dto.designationId);
    const unitExists = (await this.registry.unit(tenantId, dto.unitId)).exists;
    const open = (await this.registry.registryAll(designationDecider, tenantId, 'designation')).find((d) => d.unitId === dto.unitId && designationIsOpen(d) && d.id !== dto.designationId);
    const command: DesignationCommand = { type: 'SubmitDesignation', ...dto, profile, role, today: today(), unitExists, unitHasOpenDesignation: open?.id ?? null };
    return this.registry.execute(designationDecider, streamId, command, { principal, headers, tenantId, role }, { creates: true, id: dto.designationId, what: 'designation' });
  }

  @Post(':designationId/assessment')
  @HttpCode(201)
  @ApiOperation({ summary: "The Dinas feasibility assessment against every criterion of the tenant's profile" })
  assess(@Param('tenantId') t: string, @Param('designationId') id: string, @Body() dto: AssessDesignationDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.step(t, id, 'AssessDesignation', { ...dto }, p, h);
  }

  @Post(':designationId/proposal')
  @HttpCode(201)
  @ApiOperation({ summary: 'The Dinas proposes an eligible PD to the head of region' })
  propose(@Param('tenantId') t: string, @Param('designationId') id: string, @Body() dto: ProposeDesignationDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.step(t, id, 'ProposeDesignation', { ...dto }, p, h);
  }

  @Post(':designationId/decision')
  @HttpCode(201)
  @ApiOperation({ summary: "The head of region's decree: designated or refused (recorded by the role the profile's designator maps to); a second decision is 409" })
  decide(@Param('tenantId') t: string, @Param('designationId') id: string, @Body() dto: DecideDesignationDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.step(t, id, 'DecideDesignation', { outcome: dto.outcome, decree: { ...dto.decree }, reasons: dto.reasons }, p, h);
  }

  @Post(':designationId/revocation')
  @HttpCode(201)
  @ApiOperation({ summary: 'Revoke a designation by decree, with reasons and the Pemda instrument it rests on' })
  revoke(@Param('tenantId') t: string, @Param('designationId') id: string, @Body() dto: RevokeDesignationDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.step(t, id, 'RevokeDesignation', { decree: { ...dto.decree }, reasons: dto.reasons, legalBasis: { ...dto.legalBasis } }, p, h);
  }

  @Get()
  @ApiOperation({ summary: 'Every designation of the Pemda with its status' })
  async list(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(designationDecider, tenantId, 'designation') };
  }

  @Get(':designationId')
  @ApiOperation({ summary: 'Current state of a designation' })
  get(@Param('tenantId') tenantId: string, @Param('designationId') id: string) {
    return this.registry.get(designationDecider, designationStreamId(tenantId, id), 'designation', id);
  }

  @Get(':designationId/history')
  @ApiOperation({ summary: 'Every step: actor, time, legal basis' })
  history(@Param('tenantId') tenantId: string, @Param('designationId') id: string) {
    return this.registry.history(designationStreamId(tenantId, id), 'designation', id);
  }

  private async step(tenantId: string, id: string, type: Step, fields: Record<string, unknown>, principal: Principal, headers: Headers) {
    const { profile } = await this.registry.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, STEP_DUTY[type]);
    const command = { type, ...fields, profile, role, today: today() } as DesignationCommand;
    return this.registry.execute(designationDecider, designationStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'designation' });
  }
}
