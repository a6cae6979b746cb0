import { join } from 'node:path';
import { embeddedEventStore, EsdbEventStore, EventStore, LedgerConfig, postgresEventStore } from '@spbe/ledger-core';
import { Bus, KafkaBus, MemoryBus } from '@spbe/messaging';
import { MemoryReadModelStore, MongoReadModelStore, ReadModelStore } from '@spbe/read-models';

/** Builds the adapters the configuration names. Connection failures propagate with their cause. */
export async function createEventStore(config: LedgerConfig): Promise<EventStore> {
  const options = { maxPayloadBytes: config.maxPayloadBytes };
  let store: EventStore;
  switch (config.eventStore) {
    case 'embedded':
      store = await embeddedEventStore(join(config.dataDir, 'events'), { ...options, lockDir: config.dataDir });
      break;
    case 'postgres':
      store = postgresEventStore(config.postgresUrl as string, options);
      break;
    case 'esdb':
      store = new EsdbEventStore(config.esdbUrl as string, options);
      break;
  }
  await store.init();
  return store;
}

export async function createBus(config: LedgerConfig, clientId: string): Promise<Bus> {
  const bus = config.bus === 'kafka' ? new KafkaBus({ brokers: config.kafkaBrokers as string[], clientId: `${config.kafkaClientId}-${clientId}` }) : new MemoryBus();
  await bus.connect();
  return bus;
}

export async function createReadModels(config: LedgerConfig): Promise<ReadModelStore> {
  const store = config.readModels === 'mongo' ? new MongoReadModelStore(config.mongoUrl as string, config.mongoDb) : new MemoryReadModelStore();
  await store.connect();
  return store;
}
