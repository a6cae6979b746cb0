import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Principal } from '@spbe/ledger-core';
import { CurrentPrincipal } from '@spbe/platform';
import {
  appointmentDecider,
  appointmentStreamId,
  ARCHITECTURE_DOMAINS,
  architectureDecider,
  architectureStreamId,
  ARTEFACTS,
  POSITIONS,
  REVIEW_KINDS,
} from '@spbe/registry-domain';
import type { ArchitectureCommand, ArchitectureDomain, Artefact, Position, ReviewKind } from '@spbe/registry-domain';
import { actingRole, dutyRole, Headers, RegistryStore, today } from './registry.store';
import { dueReviews } from './due-reviews';
import { DecreeDto } from './tenants.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodDto {
  @ApiProperty({ example: '2021-01-01' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to!: string;
}

export class DocumentDto {
  @ApiProperty({ example: 'https://jdih.kupangkota.go.id/dokumen/arsitektur-2026.pdf' })
  @IsString()
  @Length(1, 2000)
  uri!: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[a-f0-9]{64}$/, { message: 'sha256 must be 64 lower-case hex characters' })
  sha256!: string;
}

export class EstablishArchitectureDto {
  @ApiProperty({ example: 'arsitektur-2026-2030' })
  @IsString()
  architectureId!: string;

  @ApiPropertyOptional({ enum: ARTEFACTS, default: 'arsitektur', description: 'arsitektur, peta-rencana (roadmap) or cetak-biru (Dumai)' })
  @IsOptional()
  @IsIn(ARTEFACTS as unknown as string[])
  artefact?: Artefact;

  @ApiProperty({ example: 'Arsitektur SPBE Kota Kupang 2026–2030' })
  @IsString()
  @Length(3, 300)
  title!: string;

  @ApiProperty({ example: '2026-01-01' })
  @Matches(DATE, { message: 'validFrom must be YYYY-MM-DD' })
  validFrom!: string;

  @ApiPropertyOptional({ example: '2030-12-31', description: "Defaults to the profile's term (5 years, or to the end of the RPJMD where the profile aligns it)" })
  @IsOptional()
  @Matches(DATE, { message: 'validTo must be YYYY-MM-DD' })
  validTo?: string;

  @ApiPropertyOptional({ type: PeriodDto, description: 'The RPJMD period the term is aligned to' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  rpjmd?: PeriodDto;

  @ApiPropertyOptional({ enum: ARCHITECTURE_DOMAINS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ARCHITECTURE_DOMAINS as unknown as string[], { each: true })
  domains?: ArchitectureDomain[];

  @ApiProperty({ type: DecreeDto })
  @ValidateNested()
  @Type(() => DecreeDto)
  decree!: DecreeDto;

  @ApiPropertyOptional({ description: 'The version this one replaces' })
  @IsOptional()
  @IsString()
  supersedes?: string;
}

export class ReviewArchitectureDto {
  @ApiProperty({ example: 'reviu-paruh-waktu-2028' })
  @IsString()
  reviewId!: string;

  @ApiProperty({ enum: REVIEW_KINDS })
  @IsIn(REVIEW_KINDS as unknown as string[])
  kind!: ReviewKind;

  @ApiProperty({ example: '2028-06-10' })
  @Matches(DATE, { message: 'heldOn must be YYYY-MM-DD' })
  heldOn!: string;

  @ApiPropertyOptional({ type: [String], example: ['d'], description: "Letters of the grounds the profile's regulation enumerates (required for ad-hoc)" })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  grounds?: string[];

  @ApiProperty({ enum: ['tetap', 'perlu-perubahan'] })
  @IsIn(['tetap', 'perlu-perubahan'])
  outcome!: 'tetap' | 'perlu-perubahan';

  @ApiProperty()
  @IsString()
  @Length(3, 4000)
  summary!: string;

  @ApiPropertyOptional({ type: [DocumentDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DocumentDto)
  documents?: DocumentDto[];
}

export class AmendArchitectureDto {
  @ApiProperty({ example: 'perubahan-1' })
  @IsString()
  amendmentId!: string;

  @ApiProperty({ type: DecreeDto })
  @ValidateNested()
  @Type(() => DecreeDto)
  decree!: DecreeDto;

  @ApiProperty({ example: 'reviu-paruh-waktu-2028' })
  @IsString()
  basedOnReviewId!: string;

  @ApiProperty()
  @IsString()
  @Length(3, 4000)
  summary!: string;
}

export class PersonDto {
  @ApiProperty({ example: 'Drs. Fransiskus Bria, M.Si' })
  @IsString()
  @Length(3, 200)
  name!: string;

  @ApiPropertyOptional({ example: '197001011990031001' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  nip?: string;

  @ApiPropertyOptional({ example: 'Sekretaris Daerah' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class AppointDto {
  @ApiProperty({ example: 'koordinator-spbe-2026' })
  @IsString()
  appointmentId!: string;

  @ApiProperty({ enum: POSITIONS })
  @IsIn(POSITIONS as unknown as string[])
  position!: Position;

  @ApiProperty({ type: PersonDto })
  @ValidateNested()
  @Type(() => PersonDto)
  person!: PersonDto;

  @ApiPropertyOptional({ example: 'sekretariat-daerah' })
  @IsOptional()
  @IsString()
  unitId?: string;

  @ApiProperty({ type: DecreeDto })
  @ValidateNested()
  @Type(() => DecreeDto)
  decree!: DecreeDto;

  @ApiProperty({ example: '2026-01-02' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'until must be YYYY-MM-DD' })
  until?: string;
}

export class EndAppointmentDto {
  @ApiProperty({ example: '2026-06-30' })
  @Matches(DATE, { message: 'endedOn must be YYYY-MM-DD' })
  endedOn!: string;

  @ApiProperty()
  @IsString()
  @Length(3, 2000)
  reasons!: string;

  @ApiPropertyOptional({ type: DecreeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecreeDto)
  decree?: DecreeDto;
}

/** Arsitektur SPBE, Peta Rencana SPBE, cetak biru: versions, reviews, amendments; and appointments. */
@ApiTags('registry: architecture, roadmap, appointments')
@ApiBearerAuth()
@Controller('api/registry/tenants/:tenantId')
export class ArchitecturesController {
  constructor(private readonly registry: RegistryStore) {}

  @Post('architectures')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an Arsitektur SPBE / Peta Rencana SPBE / cetak biru established by decree (role of the enactor the profile names)' })
  async establish(@Param('tenantId') tenantId: string, @Body() dto: EstablishArchitectureDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.registry.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'architectureEnactor');
    const supersededExists = dto.supersedes ? (await this.registry.state(architectureDecider, architectureStreamId(tenantId, dto.supersedes))).exists : false;
    const command: ArchitectureCommand = { type: 'EstablishArchitecture', ...dto, artefact: dto.artefact ?? 'arsitektur', decree: { ...dto.decree }, rpjmd: dto.rpjmd ? { ...dto.rpjmd } : null, profile, role, today: today(), supersededExists };
    return this.registry.execute(architectureDecider, architectureStreamId(tenantId, dto.architectureId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.architectureId, what: 'architecture' });
  }

  @Post('architectures/:architectureId/reviews')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a review (mid-term, final-year, annual, ad-hoc with grounds) by the reviewer the profile names' })
  async review(@Param('tenantId') tenantId: string, @Param('architectureId') id: string, @Body() dto: ReviewArchitectureDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.registry.tenant(tenantId);
    const current = await this.registry.state(architectureDecider, architectureStreamId(tenantId, id));
    const role = dutyRole(principal, tenantId, profile, current.artefact === 'peta-rencana' ? 'roadmapReviewer' : 'architectureReviewer');
    const command: ArchitectureCommand = { type: 'ReviewArchitecture', ...dto, documents: dto.documents?.map((d) => ({ ...d })), profile, role, today: today() };
    return this.registry.execute(architectureDecider, architectureStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'architecture' });
  }

  @Post('architectures/:architectureId/amendments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an amendment by decree, based on a review that found a change needed' })
  async amend(@Param('tenantId') tenantId: string, @Param('architectureId') id: string, @Body() dto: AmendArchitectureDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const { profile } = await this.registry.tenant(tenantId);
    const role = dutyRole(principal, tenantId, profile, 'architectureChangeDecider');
    const command: ArchitectureCommand = { type: 'AmendArchitecture', ...dto, decree: { ...dto.decree }, profile, role, today: today() };
    return this.registry.execute(architectureDecider, architectureStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'architecture' });
  }

  @Get('architectures')
  @ApiOperation({ summary: 'Every architecture, roadmap and blueprint version of the Pemda' })
  async architectures(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(architectureDecider, tenantId, 'architecture') };
  }

  @Get('architectures/:architectureId')
  @ApiOperation({ summary: "Current state, with the reviews due under the tenant's profile as of today (status, due date, citation)" })
  async architecture(@Param('tenantId') tenantId: string, @Param('architectureId') id: string) {
    const { state: tenant, profile } = await this.registry.tenant(tenantId);
    const state = await this.registry.get(architectureDecider, architectureStreamId(tenantId, id), 'architecture', id);
    const events = (await this.registry.read(architectureStreamId(tenantId, id))) ?? [];
    return { ...state, dueReviews: dueReviews(profile, tenant.registeredAt?.slice(0, 10) ?? profile.validFrom, id, state, events, today()) };
  }

  @Get('architectures/:architectureId/history')
  architectureHistory(@Param('tenantId') tenantId: string, @Param('architectureId') id: string) {
    return this.registry.history(architectureStreamId(tenantId, id), 'architecture', id);
  }

  @Post('appointments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an appointment by decree (Koordinator SPBE, Tim Koordinasi, Tim Auditor TIK internal, Tim Asesor Internal) — koordinator' })
  async appoint(@Param('tenantId') tenantId: string, @Body() dto: AppointDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const unitExists = dto.unitId ? (await this.registry.unit(tenantId, dto.unitId)).exists : false;
    const command = { type: 'Appoint' as const, ...dto, person: { ...dto.person }, decree: { ...dto.decree }, unitExists, profile, today: today() };
    return this.registry.execute(appointmentDecider, appointmentStreamId(tenantId, dto.appointmentId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.appointmentId, what: 'appointment' });
  }

  @Post('appointments/:appointmentId/end')
  @HttpCode(201)
  @ApiOperation({ summary: 'End an appointment (its own recorded decision)' })
  async end(@Param('tenantId') tenantId: string, @Param('appointmentId') id: string, @Body() dto: EndAppointmentDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const command = { type: 'EndAppointment' as const, ...dto, decree: dto.decree ? { ...dto.decree } : null, today: today(), profile };
    return this.registry.execute(appointmentDecider, appointmentStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'appointment' });
  }

  @Get('appointments')
  async appointments(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(appointmentDecider, tenantId, 'appointment') };
  }

  @Get('appointments/:appointmentId')
  appointment(@Param('tenantId') tenantId: string, @Param('appointmentId') id: string) {
    return this.registry.get(appointmentDecider, appointmentStreamId(tenantId, id), 'appointment', id);
  }

  @Get('appointments/:appointmentId/history')
  appointmentHistory(@Param('tenantId') tenantId: string, @Param('appointmentId') id: string) {
    return this.registry.history(appointmentStreamId(tenantId, id), 'appointment', id);
  }
}
