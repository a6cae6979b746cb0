import { Module } from '@nestjs/common';
import { AggregateStore, ProjectionConsumers } from '@spbe/platform';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * audit-scheduler: the Audit TIK programme — audit objects learned from the registry's events, due
 * audits from the tenant's profile, LATIK, audits, findings and tindak lanjut, daily overdue markers.
 */
@Module({
  controllers: [AuditController],
  providers: [AggregateStore, ProjectionConsumers, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
