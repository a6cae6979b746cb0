import { Module, Type } from '@nestjs/common';
import { LedgerConfig } from '@spbe/ledger-core';
import { PlatformModule } from '@spbe/platform';
import { AuditModule } from '@spbe/audit-feature';
import { EvaluationModule } from '@spbe/evaluation-feature';
import { RegistryModule } from '@spbe/registry-feature';
import { ReportingModule } from '@spbe/reporting-feature';

/**
 * The all-in-one app: the four services' modules in one process. With the embedded adapters the
 * forwarder re-publishes the whole log to the in-process bus at start, which rebuilds the
 * in-memory read models; events themselves persist in PGlite under DATA_DIR.
 */
export function ledgerAppModule(config: LedgerConfig): Type<unknown> {
  const persistent = config.bus === 'kafka';
  @Module({
    imports: [
      PlatformModule.forRoot(config, { name: 'ledger', forwards: ['registry', 'audit', 'evaluation', 'ledger'], persistentForwarderCheckpoint: persistent }),
      RegistryModule,
      AuditModule,
      EvaluationModule,
      ReportingModule,
    ],
  })
  class LedgerAppModule {}
  return LedgerAppModule;
}
