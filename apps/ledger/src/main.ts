import { loadConfig } from '@spbe/ledger-core';
import { createApp, runMain } from '@spbe/platform';
import { ledgerAppModule } from './app.module';

/** `npm start`: the whole product in one process on embedded storage (PORT, DATA_DIR override). */
runMain(async () => {
  const config = loadConfig(process.env, { port: 3000, eventStore: 'embedded', bus: 'memory', readModels: 'memory' });
  const app = await createApp(ledgerAppModule(config), config, {
    title: 'SPBE Governance Ledger',
    description: 'Event-sourced, tamper-evident ledger of SPBE governance decisions: registry, Audit TIK, evaluation, reporting.',
  });
  await app.listen(config.port, config.host);
  process.stdout.write(
    `SPBE Governance Ledger: http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}/ (API docs /api/docs; data in ${config.dataDir})\n`,
  );
});
