import { runService } from '@spbe/platform';
import { ReportingModule } from '@spbe/reporting-feature';

/** reporting as its own process (distributed mode). */
runService({ name: 'reporting', port: 3004, forwards: ['ledger'], feature: ReportingModule, description: 'Audit trail, state as of any date, compliance, integrity proofs, exports, dashboard.' });
