import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Principal } from '@spbe/ledger-core';
import { CurrentPrincipal } from '@spbe/platform';
import { UNIT_KINDS, UnitKind, unitDecider, unitStreamId } from '@spbe/registry-domain';
import { actingRole, Headers, RegistryStore } from './registry.store';

export class RegisterUnitDto {
  @ApiProperty({ example: 'dinas-kominfo' })
  @IsString()
  unitId!: string;

  @ApiProperty({ example: 'Dinas Komunikasi dan Informatika' })
  @IsString()
  @Length(3, 200)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS, description: 'dinas-kominfo, inspektorat, bappeda, keuangan, sekretariat-daerah, bagian-organisasi are marked; every other unit is opd' })
  @IsIn(UNIT_KINDS as unknown as string[])
  kind!: UnitKind;

  @ApiPropertyOptional({ example: 'sekretariat-daerah', description: 'The unit it belongs to (e.g. a Bagian of the Sekretariat Daerah)' })
  @IsOptional()
  @IsString()
  parentUnitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  description?: string;
}

/** Perangkat Daerah (OPD) of a Pemda. */
@ApiTags('registry: units (OPD)')
@ApiBearerAuth()
@Controller('api/registry/tenants/:tenantId/units')
export class UnitsController {
  constructor(private readonly registry: RegistryStore) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a Perangkat Daerah (koordinator or admin of that Pemda)' })
  async register(@Param('tenantId') tenantId: string, @Body() dto: RegisterUnitDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['koordinator', 'admin']);
    await this.registry.tenant(tenantId);
    const parentExists = dto.parentUnitId ? (await this.registry.unit(tenantId, dto.parentUnitId)).exists : false;
    return this.registry.execute(unitDecider, unitStreamId(tenantId, dto.unitId), { type: 'RegisterUnit', ...dto, parentExists }, { principal, headers, tenantId, role }, { creates: true, id: dto.unitId, what: 'unit' });
  }

  @Get()
  @ApiOperation({ summary: 'Every unit of the Pemda' })
  async list(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(unitDecider, tenantId, 'unit') };
  }

  @Get(':unitId')
  @ApiOperation({ summary: 'Current state of a unit' })
  get(@Param('tenantId') tenantId: string, @Param('unitId') unitId: string) {
    return this.registry.get(unitDecider, unitStreamId(tenantId, unitId), 'unit', unitId);
  }

  @Get(':unitId/history')
  @ApiOperation({ summary: 'Every event of the unit: actor, time, legal basis' })
  history(@Param('tenantId') tenantId: string, @Param('unitId') unitId: string) {
    return this.registry.history(unitStreamId(tenantId, unitId), 'unit', unitId);
  }
}
