import { Client } from 'pg';
import { infra } from '../testing/infra';
import { eventStoreContract, readAllFrom, testActor } from '../testing/event-store.contract';
import { postgresEventStore } from './postgres';
import { sqlIntegritySuite } from './sql-integrity.suite';
import { SqlEventStore } from './sql-event-store';
import { insertEventsSql } from './sql-schema';
import { EventEnvelope } from '../envelope';
import { uuidv7 } from '../uuid-v7';

const pg = infra('POSTGRES_URL', 'a PostgreSQL server');

pg.describe('EventStore contract: PostgreSQL', () => {
  eventStoreContract(async () => postgresEventStore(pg.url as string));
});

pg.describe('SQL integrity: PostgreSQL', () => {
  sqlIntegritySuite(async () => postgresEventStore(pg.url as string));
});

pg.describe('PostgreSQL global order under concurrent writers', () => {
  let store: SqlEventStore;
  const tenant = `kota-order${Date.now().toString(36)}`;
  beforeAll(async () => {
    store = postgresEventStore(pg.url as string);
    await store.init();
  });
  afterAll(async () => store.close());

  it('never hands out an event committed after a later-positioned one until the earlier commits', async () => {
    const start = await store.headPosition();
    // Transaction A appends and stays open; B appends to another stream and commits.
    const a = new Client({ connectionString: pg.url });
    await a.connect();
    try {
      await a.query('BEGIN');
      const slow = fakeRow(0, 'slow');
      await a.query(insertEventsSql(1), [
        slow.event_id, `${tenant}:registry.unit:slow`, 0, tenant, 'TestRecorded', 1, slow.occurred_at, slow.recorded_at,
        JSON.stringify(testActor), null, null, null, null, null, '{}', slow.prev_hash, slow.hash,
      ]);
      await store.append({ streamId: `${tenant}:registry.unit:fast`, expectedVersion: 'no-stream', events: [{ type: 'TestRecorded', payload: {} }], context: { actor: testActor } });
      const whileOpen = (await readAllFrom(store, start)).filter((e) => e.tenantId === tenant);
      expect(whileOpen).toEqual([]); // B is withheld: A (lower transaction id) is still in flight
      await a.query('COMMIT');
      const after = (await readAllFrom(store, start)).filter((e) => e.tenantId === tenant);
      expect(after.map((e) => e.streamId)).toEqual([`${tenant}:registry.unit:slow`, `${tenant}:registry.unit:fast`]);
    } finally {
      await a.end();
    }
  });

  it('a follower sees every event exactly once while 16 writers append', async () => {
    const start = await store.headPosition();
    const seen: EventEnvelope[] = [];
    const sub = store.subscribe({ after: start, filter: (e) => e.tenantId === tenant, handler: async (b) => void seen.push(...b) });
    const writers = 16;
    const perWriter = 40;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          await store.append({
            streamId: `${tenant}:registry.unit:w${w % 5}`, // shared streams: contention on purpose
            expectedVersion: 'any',
            events: [{ type: 'TestRecorded', payload: { w, i } }],
            context: { actor: testActor },
          });
        }
      }),
    );
    const total = writers * perWriter + 0;
    const deadline = Date.now() + 20_000;
    while (seen.filter((e) => e.streamId.includes(':w')).length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await sub.stop();
    const mine = seen.filter((e) => e.streamId.includes(':w'));
    expect(mine.length).toBe(total);
    expect(new Set(mine.map((e) => e.eventId)).size).toBe(total);
    const positions = mine.map((e) => e.globalPosition);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    // per stream, versions arrive in order and gap-free
    const byStream = new Map<string, number[]>();
    for (const e of mine) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.version]);
    for (const versions of byStream.values()) expect(versions).toEqual(versions.map((_, i) => i));
  });
});

function fakeRow(version: number, _id: string) {
  return {
    seq: 0,
    event_id: uuidv7(),
    version,
    type: 'TestRecorded',
    schema_version: 1,
    occurred_at: new Date().toISOString(),
    recorded_at: new Date().toISOString(),
    actor: testActor,
    legal_basis: null,
    causation_id: null,
    correlation_id: null,
    payload: {},
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}
