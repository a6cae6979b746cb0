import { Module } from '@nestjs/common';

/**
 * audit-scheduler's feature module. The Audit TIK programme (schedules, auditors, findings,
 * tindak lanjut, overdue detection) is built on this foundation by the audit-scheduler work;
 * until then the service boots with health, metrics and OpenAPI only.
 */
@Module({})
export class AuditModule {}
