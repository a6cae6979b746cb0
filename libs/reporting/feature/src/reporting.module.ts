import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard/dashboard.controller';
import { ExportsController } from './exports.controller';
import { IntegrityController } from './integrity.controller';
import { ReportingController } from './reporting.controller';
import { ReportingService } from './reporting.service';
import { LedgerVerifier } from './verification';

/** reporting: read models over every context's events (audit trail first). */
@Module({ controllers: [ReportingController, IntegrityController, ExportsController, DashboardController], providers: [ReportingService, LedgerVerifier], exports: [ReportingService, LedgerVerifier] })
export class ReportingModule {}
