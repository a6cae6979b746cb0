import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore, fold, NotFoundError, Principal, StreamNotFoundError } from '@spbe/ledger-core';
import { CurrentPrincipal, EVENT_STORE } from '@spbe/platform';
import { tenantDecider, tenantStreamId } from '@spbe/registry-domain';
import { RegisterTenantCommand } from './tenants.commands';
import { RegisterTenantDto } from './tenants.dto';

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
