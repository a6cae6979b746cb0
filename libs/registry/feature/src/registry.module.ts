import { Module } from '@nestjs/common';
import { TenantsController } from './tenants.controller';
import { OverrideProfileValueHandler, RegisterTenantHandler } from './tenants.commands';
import { RegulationsController } from './regulations.controller';
import { RegistryStore } from './registry.store';
import { UnitsController } from './units.controller';
import { DesignationsController } from './designations.controller';
import { ApprovalsController } from './approvals.controller';
import { ArchitecturesController } from './architectures.controller';
import { CatalogueController } from './applications.controller';
import { ReviewsController } from './reviews.controller';

/** architecture-registry: tenants with their regulation profile (more aggregates arrive with the registry work). */
@Module({
  controllers: [TenantsController, RegulationsController, UnitsController, DesignationsController, ApprovalsController, ArchitecturesController, CatalogueController, ReviewsController],
  providers: [RegisterTenantHandler, OverrideProfileValueHandler, RegistryStore],
})
export class RegistryModule {}
