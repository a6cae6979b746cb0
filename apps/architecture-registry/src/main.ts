import { Module } from '@nestjs/common';
import { loadConfig } from '@spbe/ledger-core';
import { createApp, PlatformModule, runMain } from '@spbe/platform';
import { RegistryModule } from '@spbe/registry-feature';

/** The architecture registry as its own process (distributed mode): PostgreSQL or EventStoreDB, Kafka, MongoDB by default. */
runMain(async () => {
  const config = loadConfig(process.env, { port: 3001, eventStore: 'postgres', bus: 'kafka', readModels: 'mongo' });
  @Module({ imports: [PlatformModule.forRoot(config, { name: 'architecture-registry', forwards: ['registry'], persistentForwarderCheckpoint: true }), RegistryModule] })
  class AppModule {}
  const app = await createApp(AppModule, config, { title: 'SPBE Governance Ledger — architecture-registry', description: 'Tenants, OPDs, Arsitektur and Peta Rencana SPBE, catalogue, Mandiri TIK designations, approval gates.' });
  await app.listen(config.port, config.host);
  process.stdout.write(`architecture-registry listening on http://${config.host}:${config.port} (event store: ${config.eventStore}, bus: ${config.bus}, read models: ${config.readModels})\n`);
});
