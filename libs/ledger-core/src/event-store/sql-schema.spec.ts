import { PGlite } from '@electric-sql/pglite';
import { testActor } from '../testing/event-store.contract';
import { pgliteClient } from './pglite';
import { SqlEventStore } from './sql-event-store';

/** The schema of the versions before idempotency keys were scoped per tenant (a global unique command id). */
const GLOBAL_COMMAND_ID_SCHEMA = `
CREATE TABLE IF NOT EXISTS spbe_events (
  global_position bigint PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  version integer NOT NULL,
  tenant_id text NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  occurred_at text NOT NULL,
  recorded_at text NOT NULL,
  actor jsonb NOT NULL,
  legal_basis jsonb,
  causation_id text,
  correlation_id text,
  command_id text,
  command_seq integer,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT spbe_events_stream_version UNIQUE (stream_id, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS spbe_events_command ON spbe_events (command_id) WHERE command_seq = 0;
CREATE INDEX IF NOT EXISTS spbe_events_tenant_stream ON spbe_events (tenant_id, stream_id);
CREATE INDEX IF NOT EXISTS spbe_events_command_all ON spbe_events (command_id) WHERE command_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS spbe_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

describe('SQL schema migration: idempotency keys per tenant', () => {
  it('migrates a database of an earlier version (global unique command id) so another tenant may reuse a key', async () => {
    const db = await PGlite.create();
    const store = new SqlEventStore('embedded', pgliteClient(db));
    try {
      await db.exec(GLOBAL_COMMAND_ID_SCHEMA);
      const context = { actor: testActor, commandId: 'req-1' };
      const event = { type: 'TestRecorded', payload: { n: 1 } };
      // Recorded by the earlier version, before the migration.
      const beta = await store.append({ streamId: 'kota-beta:registry.unit:opd-1', expectedVersion: 'no-stream', events: [event], context });
      await store.init();
      await store.init();
      const indexes = (await db.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'spbe_events'`)).rows;
      expect(indexes.map((i) => i.indexname)).not.toContain('spbe_events_command');
      expect(indexes.filter((i) => /UNIQUE/.test(i.indexdef) && /command_id/.test(i.indexdef)).map((i) => i.indexdef)).toEqual([
        expect.stringMatching(/\(tenant_id, command_id\) WHERE \(command_seq = 0\)/),
      ]);
      const alpha = await store.append({ streamId: 'kota-alpha:registry.unit:opd-1', expectedVersion: 'no-stream', events: [event], context });
      expect(alpha.idempotentReplay).toBe(false);
      const retry = await store.append({ streamId: 'kota-beta:registry.unit:opd-1', expectedVersion: 'no-stream', events: [event], context });
      expect(retry).toMatchObject({ idempotentReplay: true, events: beta.events });
    } finally {
      await store.close();
    }
  });
});
