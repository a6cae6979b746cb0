import { Module } from '@nestjs/common';
import { loadConfig } from '@spbe/ledger-core';
import { createApp, PlatformModule, runMain } from '@spbe/platform';
import { ReportingModule } from '@spbe/reporting-feature';

/** Reporting as its own process (distributed mode): PostgreSQL or EventStoreDB, Kafka, MongoDB by default. */
runMain(async () => {
  const config = loadConfig(process.env, { port: 3004, eventStore: 'postgres', bus: 'kafka', readModels: 'mongo' });
  @Module({ imports: [PlatformModule.forRoot(config, { name: 'reporting', forwards: ['ledger'], persistentForwarderCheckpoint: true }), ReportingModule] })
  class AppModule {}
  const app = await createApp(AppModule, config, { title: 'SPBE Governance Ledger — reporting', description: 'Audit trail, state as of any date, compliance, integrity proofs, exports, dashboard.' });
  await app.listen(config.port, config.host);
  process.stdout.write(`reporting listening on http://${config.host}:${config.port} (event store: ${config.eventStore}, bus: ${config.bus}, read models: ${config.readModels})\n`);
});
