import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedEventStore } from './pglite';
import { eventStoreContract, testActor } from '../testing/event-store.contract';
import { sqlIntegritySuite } from './sql-integrity.suite';

describe('EventStore contract: embedded (PGlite, in memory)', () => {
  eventStoreContract(() => embeddedEventStore(undefined));
});

describe('SQL integrity: embedded (PGlite)', () => {
  sqlIntegritySuite(() => embeddedEventStore(undefined));
});

describe('embedded event store on disk', () => {
  it('keeps its events across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spbe-pglite-'));
    try {
      const first = await embeddedEventStore(dir);
      await first.init();
      const streamId = 'kota-kupang:registry.tenant:kota-kupang';
      await first.append({ streamId, expectedVersion: 'no-stream', events: [{ type: 'TenantRegistered', payload: { name: 'Kota Kupang' } }], context: { actor: testActor } });
      await first.close();
      const second = await embeddedEventStore(dir);
      await second.init();
      const events = await second.readStream(streamId);
      expect(events.map((e) => e.payload)).toEqual([{ name: 'Kota Kupang' }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
