import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AuthError, Principal, Role } from '@spbe/ledger-core';
import { CurrentPrincipal } from '@spbe/platform';
import {
  APPLICATION_GATE_ACTION,
  applicationDecider,
  ApplicationCommand,
  applicationStreamId,
  CATEGORIES,
  Category,
  CLASSIFICATIONS,
  datasetDecider,
  DatasetCommand,
  datasetStreamId,
  infrastructureDecider,
  InfrastructureCommand,
  INFRASTRUCTURE_KINDS,
  infrastructureStreamId,
  InfrastructureKind,
  INFRASTRUCTURE_GATE_ACTION,
  serviceDecider,
  serviceStreamId,
  SERVICE_TYPES,
} from '@spbe/registry-domain';
import { DocumentDto } from './architectures.controller';
import { actingRole, Headers, RegistryStore, today } from './registry.store';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMsg = (f: string) => ({ message: `${f} must be YYYY-MM-DD` });

export class RegisterApplicationDto {
  @ApiProperty({ example: 'simpus' }) @IsString() applicationId!: string;
  @ApiProperty({ example: 'SIMPUS' }) @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES as unknown as string[]) category!: Category;
  @ApiProperty({ example: 'dinas-kesehatan' }) @IsString() ownerUnitId!: string;
  @ApiPropertyOptional({ description: 'The unit that builds it (default: the owner)' }) @IsOptional() @IsString() builderUnitId?: string;
  @ApiPropertyOptional({ enum: ['besar', 'kecil'], description: 'Kompleksitas, where the regulation classes Aplikasi Umum (Pasuruan angka 26–27)' }) @IsOptional() @IsIn(['besar', 'kecil']) complexity?: 'besar' | 'kecil';
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hostedInDataCentre?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() apiAvailable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) description?: string;
  @ApiPropertyOptional({ type: [String], description: 'Approvals (konsultasi, rekomendasi…) an Aplikasi Khusus build by its own PD rests on' }) @IsOptional() @IsArray() @IsString({ each: true }) approvalIds?: string[];
}

export class ApplicationTestDto {
  @ApiProperty() @Matches(DATE, dateMsg('testedOn')) testedOn!: string;
  @ApiProperty({ example: 'uji penerimaan pengguna' }) @IsString() @Length(2, 200) kind!: string;
  @ApiProperty({ enum: ['lulus', 'gagal'] }) @IsIn(['lulus', 'gagal']) result!: 'lulus' | 'gagal';
  @ApiPropertyOptional({ type: [DocumentDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => DocumentDto) documents?: DocumentDto[];
}

export class GoLiveDto {
  @ApiProperty() @Matches(DATE, dateMsg('deployedOn')) deployedOn!: string;
}

export class PreHandoverTestDto {
  @ApiProperty({ enum: ['penetration', 'performance', 'debugging'] }) @IsIn(['penetration', 'performance', 'debugging']) test!: 'penetration' | 'performance' | 'debugging';
  @ApiProperty() @Matches(DATE, dateMsg('testedOn')) testedOn!: string;
  @ApiPropertyOptional({ type: [DocumentDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => DocumentDto) documents?: DocumentDto[];
}

export class HandOverDto {
  @ApiProperty() @Matches(DATE, dateMsg('handedOverOn')) handedOverOn!: string;
  @ApiPropertyOptional({ type: [DocumentDto], description: "The documentation package (contents per the tenant's regulation)" }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => DocumentDto) documents?: DocumentDto[];
  @ApiProperty() @IsBoolean() sourceDeposited!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) repositoryUri?: string;
}

export class ServiceEvaluationDto {
  @ApiProperty() @Matches(DATE, dateMsg('evaluatedOn')) evaluatedOn!: string;
  @ApiProperty() @IsString() @Length(3, 4000) summary!: string;
}

export class RetireDto {
  @ApiProperty() @Matches(DATE, dateMsg('retiredOn')) retiredOn!: string;
  @ApiProperty() @IsString() @Length(3, 2000) reasons!: string;
}

export class RegisterInfrastructureDto {
  @ApiProperty({ example: 'lan-dinkes' }) @IsString() infrastructureId!: string;
  @ApiProperty() @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ enum: INFRASTRUCTURE_KINDS }) @IsIn(INFRASTRUCTURE_KINDS as unknown as string[]) kind!: InfrastructureKind;
  @ApiProperty({ description: 'The unit that owns or runs it' }) @IsString() unitId!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) approvalIds?: string[];
}

export class LanDiagramDto {
  @ApiProperty() @Matches(DATE, dateMsg('submittedOn')) submittedOn!: string;
  @ApiProperty({ type: DocumentDto }) @ValidateNested() @Type(() => DocumentDto) document!: DocumentDto;
}

export class LanChangeDto {
  @ApiProperty() @Matches(DATE, dateMsg('reportedOn')) reportedOn!: string;
  @ApiProperty() @IsString() @Length(3, 4000) summary!: string;
}

export class RegisterServiceDto {
  @ApiProperty({ example: 'layanan-perizinan' }) @IsString() serviceId!: string;
  @ApiProperty() @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) @IsIn(SERVICE_TYPES as unknown as string[]) type!: string;
  @ApiProperty({ example: 'kesehatan', description: "A category of the tenant's regulation (administrative list, public list or sector), or the Pemda's own" }) @IsString() @Length(2, 200) category!: string;
  @ApiProperty() @IsString() ownerUnitId!: string;
}

export class RegisterDatasetDto {
  @ApiProperty({ example: 'data-faskes' }) @IsString() datasetId!: string;
  @ApiProperty() @IsString() @Length(2, 200) name!: string;
  @ApiProperty() @IsString() ownerUnitId!: string;
  @ApiProperty({ enum: CLASSIFICATIONS }) @IsIn(CLASSIFICATIONS as unknown as string[]) classification!: string;
}

export class OwnerApprovalDto {
  @ApiProperty() @Matches(DATE, dateMsg('approvedOn')) approvedOn!: string;
  @ApiProperty() @IsString() @Length(1, 200) reference!: string;
}

export class DinasManagementDto {
  @ApiProperty() @Matches(DATE, dateMsg('startedOn')) startedOn!: string;
}

const CATALOGUE_ROLES: Role[] = ['dinas', 'koordinator', 'opd'];

/** The catalogue: applications, infrastructure, services, data sets. */
@ApiTags('registry: catalogue')
@ApiBearerAuth()
@Controller('api/registry/tenants/:tenantId')
export class CatalogueController {
  constructor(private readonly registry: RegistryStore) {}

  @Post('applications')
  @HttpCode(201)
  @ApiOperation({ summary: "Register an application (dinas, koordinator, or opd for its own unit); an Aplikasi Khusus built by its own PD needs the profile's gates (422 naming the article)" })
  async registerApplication(@Param('tenantId') tenantId: string, @Body() dto: RegisterApplicationDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = this.catalogueRole(principal, tenantId, dto.ownerUnitId);
    const { profile } = await this.registry.tenant(tenantId);
    const owner = await this.registry.unit(tenantId, dto.ownerUnitId);
    const builderId = dto.builderUnitId ?? dto.ownerUnitId;
    const builder = await this.registry.unit(tenantId, builderId);
    const gates = await this.registry.gateContext(tenantId, builderId, APPLICATION_GATE_ACTION, dto.approvalIds);
    const { approvalIds, ...fields } = dto;
    // Named approvals that are unknown or for another unit/action are refused (400, approvalIds[i]) by the decider.
    const command: ApplicationCommand = { type: 'RegisterApplication', ...fields, approvalIds: approvalIds ?? [], approvals: gates.approvals, ownerExists: owner.exists, builderExists: builder.exists, builtByDinas: builder.kind === 'dinas-kominfo', gates, profile, role, today: today() };
    return this.registry.execute(applicationDecider, applicationStreamId(tenantId, dto.applicationId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.applicationId, what: 'application' });
  }

  @Post('applications/:applicationId/tests')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a test of the application (passed or failed), with documents' })
  test(@Param('tenantId') t: string, @Param('applicationId') id: string, @Body() dto: ApplicationTestDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.applicationStep(t, id, { type: 'RecordApplicationTest', ...dto, documents: dto.documents?.map((d) => ({ ...d })) }, p, h);
  }

  @Post('applications/:applicationId/go-live')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record that it went live; refused (422, the article) without a passed test before it' })
  goLive(@Param('tenantId') t: string, @Param('applicationId') id: string, @Body() dto: GoLiveDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.applicationStep(t, id, { type: 'GoLive', ...dto }, p, h);
  }

  @Post('applications/:applicationId/pre-handover-tests')
  @HttpCode(201)
  preHandover(@Param('tenantId') t: string, @Param('applicationId') id: string, @Body() dto: PreHandoverTestDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.applicationStep(t, id, { type: 'ReportPreHandoverTest', ...dto, documents: dto.documents?.map((d) => ({ ...d })) }, p, h);
  }

  @Post('applications/:applicationId/handover')
  @HttpCode(201)
  @ApiOperation({ summary: "Hand the application and its package to the Dinas (order rules of the profile apply, e.g. Dumai Pasal 13(5)(d))" })
  handOver(@Param('tenantId') t: string, @Param('applicationId') id: string, @Body() dto: HandOverDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.applicationStep(t, id, { type: 'HandOver', ...dto, documents: dto.documents?.map((d) => ({ ...d })) }, p, h);
  }

  @Post('applications/:applicationId/service-evaluations')
  @HttpCode(201)
  evaluate(@Param('tenantId') t: string, @Param('applicationId') id: string, @Body() dto: ServiceEvaluationDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.applicationStep(t, id, { type: 'EvaluateApplicationService', ...dto }, p, h);
  }

  @Post('applications/:applicationId/retirement')
  @HttpCode(201)
  retire(@Param('tenantId') t: string, @Param('applicationId') id: string, @Body() dto: RetireDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.applicationStep(t, id, { type: 'RetireApplication', ...dto }, p, h);
  }

  @Get('applications')
  async applications(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(applicationDecider, tenantId, 'application') };
  }

  @Get('applications/:applicationId')
  @ApiOperation({ summary: 'Current state: category, complexity, owner, builder, hosting in the data centre, API, tested before live, hand-over documents, source deposited' })
  application(@Param('tenantId') tenantId: string, @Param('applicationId') id: string) {
    return this.registry.get(applicationDecider, applicationStreamId(tenantId, id), 'application', id);
  }

  @Get('applications/:applicationId/history')
  applicationHistory(@Param('tenantId') tenantId: string, @Param('applicationId') id: string) {
    return this.registry.history(applicationStreamId(tenantId, id), 'application', id);
  }

  @Post('infrastructure')
  @HttpCode(201)
  @ApiOperation({ summary: "Register infrastructure; a LAN run by an OPD other than the Dinas needs the profile's gates (422 naming the article)" })
  async registerInfrastructure(@Param('tenantId') tenantId: string, @Body() dto: RegisterInfrastructureDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = this.catalogueRole(principal, tenantId, dto.unitId);
    const { profile } = await this.registry.tenant(tenantId);
    const unit = await this.registry.unit(tenantId, dto.unitId);
    const gates = await this.registry.gateContext(tenantId, dto.unitId, INFRASTRUCTURE_GATE_ACTION, dto.approvalIds);
    const command: InfrastructureCommand = {
      type: 'RegisterInfrastructure',
      infrastructureId: dto.infrastructureId,
      name: dto.name,
      kind: dto.kind,
      unitId: dto.unitId,
      unitExists: unit.exists,
      unitIsDinas: unit.kind === 'dinas-kominfo',
      gates,
      approvalIds: dto.approvalIds ?? [],
      approvals: gates.approvals,
      profile,
      role,
      today: today(),
    };
    return this.registry.execute(infrastructureDecider, infrastructureStreamId(tenantId, dto.infrastructureId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.infrastructureId, what: 'infrastructure' });
  }

  @Post('infrastructure/:infrastructureId/diagrams')
  @HttpCode(201)
  @ApiOperation({ summary: "Submit the LAN's current diagram to the Dinas (yearly where the profile says so)" })
  diagram(@Param('tenantId') t: string, @Param('infrastructureId') id: string, @Body() dto: LanDiagramDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.infraStep(t, id, { type: 'SubmitLanDiagram', submittedOn: dto.submittedOn, document: { ...dto.document } }, p, h);
  }

  @Post('infrastructure/:infrastructureId/changes')
  @HttpCode(201)
  change(@Param('tenantId') t: string, @Param('infrastructureId') id: string, @Body() dto: LanChangeDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.infraStep(t, id, { type: 'ReportLanChange', ...dto }, p, h);
  }

  @Post('infrastructure/:infrastructureId/retirement')
  @HttpCode(201)
  retireInfrastructure(@Param('tenantId') t: string, @Param('infrastructureId') id: string, @Body() dto: RetireDto, @CurrentPrincipal() p: Principal, @Hdrs() h: Headers) {
    return this.infraStep(t, id, { type: 'RetireInfrastructure', ...dto }, p, h);
  }

  @Get('infrastructure')
  async infrastructure(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(infrastructureDecider, tenantId, 'infrastructure') };
  }

  @Get('infrastructure/:infrastructureId')
  infrastructureOne(@Param('tenantId') tenantId: string, @Param('infrastructureId') id: string) {
    return this.registry.get(infrastructureDecider, infrastructureStreamId(tenantId, id), 'infrastructure', id);
  }

  @Get('infrastructure/:infrastructureId/history')
  infrastructureHistory(@Param('tenantId') tenantId: string, @Param('infrastructureId') id: string) {
    return this.registry.history(infrastructureStreamId(tenantId, id), 'infrastructure', id);
  }

  @Post('services')
  @HttpCode(201)
  @ApiOperation({ summary: "Register an SPBE service; its category is matched against the lists the tenant's regulation enumerates (listedIn: the article, or null)" })
  async registerService(@Param('tenantId') tenantId: string, @Body() dto: RegisterServiceDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = this.catalogueRole(principal, tenantId, dto.ownerUnitId);
    const { profile } = await this.registry.tenant(tenantId);
    const owner = await this.registry.unit(tenantId, dto.ownerUnitId);
    const command = { type: 'RegisterService' as const, profile, serviceId: dto.serviceId, name: dto.name, serviceType: dto.type, category: dto.category, ownerUnitId: dto.ownerUnitId, ownerExists: owner.exists };
    return this.registry.execute(serviceDecider, serviceStreamId(tenantId, dto.serviceId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.serviceId, what: 'service' });
  }

  @Get('services')
  async services(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(serviceDecider, tenantId, 'service') };
  }

  @Get('services/:serviceId')
  @ApiOperation({ summary: 'Current state of a service (type, category, owner, the article listing its category or null)' })
  service(@Param('tenantId') tenantId: string, @Param('serviceId') id: string) {
    return this.registry.get(serviceDecider, serviceStreamId(tenantId, id), 'service', id);
  }

  @Get('services/:serviceId/history')
  serviceHistory(@Param('tenantId') tenantId: string, @Param('serviceId') id: string) {
    return this.registry.history(serviceStreamId(tenantId, id), 'service', id);
  }

  @Post('datasets')
  @HttpCode(201)
  async registerDataset(@Param('tenantId') tenantId: string, @Body() dto: RegisterDatasetDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = this.catalogueRole(principal, tenantId, dto.ownerUnitId);
    const { profile } = await this.registry.tenant(tenantId);
    const owner = await this.registry.unit(tenantId, dto.ownerUnitId);
    const command: DatasetCommand = { type: 'RegisterDataset', ...dto, ownerExists: owner.exists, profile, role, today: today() };
    return this.registry.execute(datasetDecider, datasetStreamId(tenantId, dto.datasetId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.datasetId, what: 'dataset' });
  }

  @Post('datasets/:datasetId/owner-approval')
  @HttpCode(201)
  @ApiOperation({ summary: "The owner PD's approval for the Dinas to manage its data (opd of the owner unit, or koordinator)" })
  async ownerApproval(@Param('tenantId') tenantId: string, @Param('datasetId') id: string, @Body() dto: OwnerApprovalDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['opd', 'koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const command: DatasetCommand = { type: 'GrantOwnerApproval', ...dto, actingUnitId: principal.unitId, profile, role, today: today() };
    return this.registry.execute(datasetDecider, datasetStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'dataset' });
  }

  @Post('datasets/:datasetId/dinas-management')
  @HttpCode(201)
  @ApiOperation({ summary: "The Dinas starts managing the data for integration; refused (422, the article) without the owner's prior approval where the profile requires it" })
  async dinasManagement(@Param('tenantId') tenantId: string, @Param('datasetId') id: string, @Body() dto: DinasManagementDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['dinas']);
    const { profile } = await this.registry.tenant(tenantId);
    const command: DatasetCommand = { type: 'StartDinasManagement', ...dto, profile, role, today: today() };
    return this.registry.execute(datasetDecider, datasetStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'dataset' });
  }

  @Get('datasets')
  async datasets(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(datasetDecider, tenantId, 'dataset') };
  }

  @Get('datasets/:datasetId')
  @ApiOperation({ summary: "Current state of a data set (owner, classification, the owner's approvals, Dinas management)" })
  dataset(@Param('tenantId') tenantId: string, @Param('datasetId') id: string) {
    return this.registry.get(datasetDecider, datasetStreamId(tenantId, id), 'dataset', id);
  }

  @Get('datasets/:datasetId/history')
  datasetHistory(@Param('tenantId') tenantId: string, @Param('datasetId') id: string) {
    return this.registry.history(datasetStreamId(tenantId, id), 'dataset', id);
  }

  /** dinas or koordinator for any unit; opd only for its own unit. */
  private catalogueRole(principal: Principal, tenantId: string, unitId: string): Role {
    const role = actingRole(principal, tenantId, CATALOGUE_ROLES);
    if (role === 'opd' && principal.unitId !== unitId) throw new AuthError('forbidden', `an OPD records its own catalogue entries: token unit ${principal.unitId ?? '(none)'}, not ${unitId} / OPD hanya mencatat miliknya`);
    return role;
  }

  private async applicationStep(tenantId: string, id: string, fields: Record<string, unknown>, principal: Principal, headers: Headers) {
    const role = actingRole(principal, tenantId, CATALOGUE_ROLES);
    const { profile } = await this.registry.tenant(tenantId);
    const command = { ...fields, profile, role, today: today() } as ApplicationCommand;
    return this.registry.execute(applicationDecider, applicationStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'application' });
  }

  private async infraStep(tenantId: string, id: string, fields: Record<string, unknown>, principal: Principal, headers: Headers) {
    const role = actingRole(principal, tenantId, CATALOGUE_ROLES);
    const { profile } = await this.registry.tenant(tenantId);
    const command = { ...fields, profile, role, today: today() } as InfrastructureCommand;
    return this.registry.execute(infrastructureDecider, infrastructureStreamId(tenantId, id), command, { principal, headers, tenantId, role }, { id, what: 'infrastructure' });
  }
}
