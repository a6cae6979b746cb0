import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard/dashboard.controller';
import { ExportsController } from './exports.controller';
import { ReportingController } from './reporting.controller';
import { ReportingService } from './reporting.service';

/** reporting: read models over every context's events (audit trail first). */
@Module({ controllers: [ReportingController, ExportsController, DashboardController], providers: [ReportingService], exports: [ReportingService] })
export class ReportingModule {}
