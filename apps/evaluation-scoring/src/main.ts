import { Module } from '@nestjs/common';
import { loadConfig } from '@spbe/ledger-core';
import { createApp, PlatformModule, runMain } from '@spbe/platform';
import { EvaluationModule } from '@spbe/evaluation-feature';

/** Evaluation scoring as its own process (distributed mode): PostgreSQL or EventStoreDB, Kafka, MongoDB by default. */
runMain(async () => {
  const config = loadConfig(process.env, { port: 3003, eventStore: 'postgres', bus: 'kafka', readModels: 'mongo' });
  @Module({ imports: [PlatformModule.forRoot(config, { name: 'evaluation-scoring', forwards: ['evaluation'], persistentForwarderCheckpoint: true }), EvaluationModule] })
  class AppModule {}
  const app = await createApp(AppModule, config, { title: 'SPBE Governance Ledger — evaluation-scoring', description: 'Maturity evaluation cycles, Indeks SPBE / Indeks Pemdi, predikat.' });
  await app.listen(config.port, config.host);
  process.stdout.write(`evaluation-scoring listening on http://${config.host}:${config.port} (event store: ${config.eventStore}, bus: ${config.bus}, read models: ${config.readModels})\n`);
});
