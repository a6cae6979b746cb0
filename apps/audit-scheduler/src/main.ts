import { runService } from '@spbe/platform';
import { AuditModule } from '@spbe/audit-feature';

/** audit-scheduler as its own process (distributed mode). */
runService({ name: 'audit-scheduler', port: 3002, forwards: ['audit'], feature: AuditModule, description: 'The Audit TIK programme: schedules, auditors, findings, tindak lanjut, overdue detection.' });
