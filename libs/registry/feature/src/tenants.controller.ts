import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore, fold, NotFoundError, Principal, StreamNotFoundError } from '@spbe/ledger-core';
import { CurrentPrincipal, EVENT_STORE } from '@spbe/platform';
import { tenantDecider, tenantProfile, tenantStreamId } from '@spbe/registry-domain';
import { OverrideProfileValueCommand, RegisterTenantCommand } from './tenants.commands';
import { OverrideProfileValueDto, RegisterTenantDto } from './tenants.dto';

@ApiTags('registry: tenants')
@ApiBearerAuth()
@Controller('api/registry/tenants')
export class TenantsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a Pemda with the regulation profile that governs it (admin or koordinator of that Pemda)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key records nothing new and returns the first result' })
  @ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Stamped on the events for tracing' })
  register(@Body() dto: RegisterTenantDto, @CurrentPrincipal() principal: Principal, @Headers() headers: Record<string, string | undefined>) {
    return this.commands.execute(new RegisterTenantCommand({ type: 'RegisterTenant', ...dto }, principal, headers));
  }

  @Get(':tenantId')
  @ApiOperation({ summary: 'Current state of a Pemda' })
  async get(@Param('tenantId') tenantId: string) {
    const events = await this.history(tenantId);
    return { ...fold(tenantDecider, events), version: events[events.length - 1].version };
  }

  @Get(':tenantId/profile')
  @ApiOperation({ summary: 'The regulation profile as this Pemda applies it: base profile, in-force date and every value it set by decree' })
  async profile(@Param('tenantId') tenantId: string) {
    return tenantProfile(fold(tenantDecider, await this.history(tenantId)));
  }

  @Post(':tenantId/profile/overrides')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a decree of the Pemda that sets a value of its profile (koordinator); the old value stays in the history' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  override(
    @Param('tenantId') tenantId: string,
    @Body() dto: OverrideProfileValueDto,
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: Record<string, string | undefined>,
  ) {
    return this.commands.execute(new OverrideProfileValueCommand(tenantId, { path: dto.path, value: dto.value, decree: { ...dto.decree }, legalBasis: { ...dto.legalBasis } }, principal, headers));
  }

  @Get(':tenantId/history')
  @ApiOperation({ summary: 'Every event of the Pemda record: actor, time, legal basis' })
  async getHistory(@Param('tenantId') tenantId: string) {
    return { items: await this.history(tenantId) };
  }

  private async history(tenantId: string) {
    try {
      return await this.store.readStream(tenantStreamId(tenantId));
    } catch (err) {
      if (err instanceof StreamNotFoundError) throw new NotFoundError('tenant', tenantId);
      throw err;
    }
  }
}
