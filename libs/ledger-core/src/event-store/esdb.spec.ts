import { infra } from '../testing/infra';
import { eventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb';

// EventStoreDB cannot run on our own machines (no container engine, no Debian package); this
// suite runs whenever ESDB_URL is set, e.g. `docker compose up eventstore` and
// ESDB_URL=esdb://127.0.0.1:2113?tls=false.
const esdb = infra('ESDB_URL', 'an EventStoreDB server (no container engine or Debian package for it on this machine)', { provisionedByInfra: false });

esdb.describe('EventStore contract: EventStoreDB', () => {
  eventStoreContract(async () => new EsdbEventStore(esdb.url as string));
});
