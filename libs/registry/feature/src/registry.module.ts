import { Module } from '@nestjs/common';
import { TenantsController } from './tenants.controller';
import { RegisterTenantHandler } from './tenants.commands';

/** architecture-registry: tenants (more aggregates arrive with the registry work). */
@Module({
  controllers: [TenantsController],
  providers: [RegisterTenantHandler],
})
export class RegistryModule {}
