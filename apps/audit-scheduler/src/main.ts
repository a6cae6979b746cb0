import { Module } from '@nestjs/common';
import { loadConfig } from '@spbe/ledger-core';
import { createApp, PlatformModule, runMain } from '@spbe/platform';
import { AuditModule } from '@spbe/audit-feature';

/** The audit scheduler as its own process (distributed mode): PostgreSQL or EventStoreDB, Kafka, MongoDB by default. */
runMain(async () => {
  const config = loadConfig(process.env, { port: 3002, eventStore: 'postgres', bus: 'kafka', readModels: 'mongo' });
  @Module({ imports: [PlatformModule.forRoot(config, { name: 'audit-scheduler', forwards: ['audit'], persistentForwarderCheckpoint: true }), AuditModule] })
  class AppModule {}
  const app = await createApp(AppModule, config, { title: 'SPBE Governance Ledger — audit-scheduler', description: 'The Audit TIK programme: schedules, auditors, findings, tindak lanjut, overdue detection.' });
  await app.listen(config.port, config.host);
  process.stdout.write(`audit-scheduler listening on http://${config.host}:${config.port} (event store: ${config.eventStore}, bus: ${config.bus}, read models: ${config.readModels})\n`);
});
