import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Principal } from '@spbe/ledger-core';
import { CurrentPrincipal } from '@spbe/platform';
import {
  approvalDecider,
  approvalStreamId,
  gatedDecisionDecider,
  gatedDecisionStreamId,
} from '@spbe/registry-domain';
import { Action, ACTIONS, GATE_KINDS, GateKind } from '@spbe/regulations';
import { actingRole, Headers, RegistryStore, today } from './registry.store';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RequestApprovalDto {
  @ApiProperty({ example: 'rek-anggaran-dinkes-2027' })
  @IsString()
  approvalId!: string;

  @ApiProperty({ enum: ACTIONS, description: 'The decision the approval is for' })
  @IsIn(ACTIONS as unknown as string[])
  action!: Action;

  @ApiProperty({ enum: GATE_KINDS, example: 'rekomendasi' })
  @IsIn(GATE_KINDS as unknown as string[])
  gate!: GateKind;

  @ApiProperty({ example: 'dinas-kesehatan', description: 'The unit that needs it' })
  @IsString()
  unitId!: string;

  @ApiPropertyOptional({ example: 'simpus', description: 'The application, data set, … concerned' })
  @IsOptional()
  @IsString()
  subjectId?: string;

  @ApiProperty({ example: '2026-03-01' })
  @Matches(DATE, { message: 'requestedOn must be YYYY-MM-DD' })
  requestedOn!: string;

  @ApiProperty({ example: 'Rencana dan anggaran SPBE Dinas Kesehatan 2027' })
  @IsString()
  @Length(3, 2000)
  purpose!: string;
}

export class DecideApprovalDto {
  @ApiProperty({ enum: ['given', 'refused'] })
  @IsIn(['given', 'refused'])
  outcome!: 'given' | 'refused';

  @ApiProperty({ example: '2026-03-10' })
  @Matches(DATE, { message: 'decidedOn must be YYYY-MM-DD' })
  decidedOn!: string;

  @ApiProperty({ example: '000.8/123/Diskominfo/2026', description: 'Number of the letter or decree' })
  @IsString()
  @Length(1, 200)
  reference!: string;

  @ApiPropertyOptional({ description: 'Required when refused' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reasons?: string;
}

export class RecordDecisionDto {
  @ApiProperty({ example: 'rka-spbe-dinkes-2027' })
  @IsString()
  decisionId!: string;

  @ApiProperty({ enum: ACTIONS })
  @IsIn(ACTIONS as unknown as string[])
  action!: Action;

  @ApiProperty({ example: 'dinas-kesehatan' })
  @IsString()
  unitId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  subjectId?: string;

  @ApiProperty({ example: '2026-03-15' })
  @Matches(DATE, { message: 'decidedOn must be YYYY-MM-DD' })
  decidedOn!: string;

  @ApiProperty({ example: 'RKA SPBE Dinas Kesehatan 2027 ditetapkan' })
  @IsString()
  @Length(3, 2000)
  summary!: string;

  @ApiProperty({ type: [String], example: ['rek-anggaran-dinkes-2027'], description: 'The approvals this decision rests on' })
  @IsArray()
  @IsString({ each: true })
  approvalIds!: string[];
}

/** Approval gates (rekomendasi Dinas and similar) and the decisions that need them. */
@ApiTags('registry: approval gates')
@ApiBearerAuth()
@Controller('api/registry/tenants/:tenantId')
export class ApprovalsController {
  constructor(private readonly registry: RegistryStore) {}

  @Post('approvals')
  @HttpCode(201)
  @ApiOperation({ summary: 'Request an approval (rekomendasi, persetujuan, …) for a decision (opd, dinas, koordinator)' })
  async request(@Param('tenantId') tenantId: string, @Body() dto: RequestApprovalDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['opd', 'dinas', 'koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const unitExists = (await this.registry.unit(tenantId, dto.unitId)).exists;
    const command = { type: 'RequestApproval' as const, ...dto, profile, role, today: today(), unitExists };
    return this.registry.execute(approvalDecider, approvalStreamId(tenantId, dto.approvalId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.approvalId, what: 'approval' });
  }

  @Post('approvals/:approvalId/decision')
  @HttpCode(201)
  @ApiOperation({ summary: 'Give or refuse the approval (by the role of the body the profile names, e.g. dinas); a second decision is 409' })
  async decide(@Param('tenantId') tenantId: string, @Param('approvalId') id: string, @Body() dto: DecideApprovalDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['dinas', 'opd', 'koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const sameRequestGiven = await this.sameRequestGiven(tenantId, id);
    const command = { type: 'DecideApproval' as const, ...dto, profile, role, today: today(), sameRequestGiven };
    return this.registry.execute(approvalDecider, approvalStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'approval' });
  }

  /** The given approvals of the same request (action, unit, subject) as `approvalId`. */
  private async sameRequestGiven(tenantId: string, approvalId: string) {
    const all = await this.registry.registryAll(approvalDecider, tenantId, 'approval');
    const self = all.find((a) => a.approvalId === approvalId);
    if (!self) return [];
    return all
      .filter((a) => a.approvalId !== approvalId && a.status === 'given' && a.action === self.action && a.unitId === self.unitId && (a.subjectId ?? null) === (self.subjectId ?? null))
      .map((a) => ({ approvalId: a.approvalId!, gate: a.gate!, decidedOn: a.decidedOn! }));
  }

  @Get('approvals')
  @ApiOperation({ summary: 'Every approval of the Pemda' })
  async approvals(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(approvalDecider, tenantId, 'approval') };
  }

  @Get('approvals/:approvalId')
  @ApiOperation({ summary: 'Current state of an approval' })
  approval(@Param('tenantId') tenantId: string, @Param('approvalId') id: string) {
    return this.registry.get(approvalDecider, approvalStreamId(tenantId, id), 'approval', id);
  }

  @Get('approvals/:approvalId/history')
  approvalHistory(@Param('tenantId') tenantId: string, @Param('approvalId') id: string) {
    return this.registry.history(approvalStreamId(tenantId, id), 'approval', id);
  }

  @Post('decisions')
  @HttpCode(201)
  @ApiOperation({ summary: "Record a decision that may need gates (budget plan, procurement, Aplikasi Khusus build, LAN work…); 422 naming the article when a gate the profile requires is missing" })
  async record(@Param('tenantId') tenantId: string, @Body() dto: RecordDecisionDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['opd', 'dinas', 'koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const unitExists = (await this.registry.unit(tenantId, dto.unitId)).exists;
    const { approvals, designationId } = await this.registry.gateContext(tenantId, dto.unitId, dto.action, dto.approvalIds);
    const command = { type: 'RecordGatedDecision' as const, ...dto, profile, role, today: today(), unitExists, approvals, designationId };
    return this.registry.execute(gatedDecisionDecider, gatedDecisionStreamId(tenantId, dto.decisionId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.decisionId, what: 'decision' });
  }

  @Get('decisions/:decisionId')
  decision(@Param('tenantId') tenantId: string, @Param('decisionId') id: string) {
    return this.registry.get(gatedDecisionDecider, gatedDecisionStreamId(tenantId, id), 'decision', id);
  }

  @Get('decisions/:decisionId/history')
  decisionHistory(@Param('tenantId') tenantId: string, @Param('decisionId') id: string) {
    return this.registry.history(gatedDecisionStreamId(tenantId, id), 'decision', id);
  }
}
