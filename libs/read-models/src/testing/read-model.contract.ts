import { embeddedEventStore, EventEnvelope } from '@spbe/ledger-core';
import { runId, testActor } from '@spbe/ledger-core/testing';
import { ReadModelStore } from '../port';
import { applyOnce, Projection, Projector } from '../projector';

interface Row extends Record<string, unknown> {
  _id: string;
  tenantId: string;
  n: number;
  tags: string[];
}

/** The ReadModelStore contract and the projector runtime, on every adapter. */
export function readModelContract(make: () => Promise<ReadModelStore>): void {
  let store: ReadModelStore;
  beforeAll(async () => {
    store = await make();
    await store.connect();
  });
  afterAll(async () => store?.close());

  it('puts, gets, replaces and deletes documents by id', async () => {
    const c = store.collection<Row>(runId('c_'));
    await c.put({ _id: 'a', tenantId: 'kota-kupang', n: 1, tags: ['x'] });
    await c.put({ _id: 'a', tenantId: 'kota-kupang', n: 2, tags: [] });
    expect(await c.get('a')).toEqual({ _id: 'a', tenantId: 'kota-kupang', n: 2, tags: [] });
    await c.delete('a');
    expect(await c.get('a')).toBeNull();
  });

  it('finds with Mongo-style filters, sort, skip and limit, and counts', async () => {
    const c = store.collection<Row>(runId('c_'));
    await c.createIndex({ tenantId: 1, n: -1 });
    await c.putMany(
      Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}`, tenantId: i % 2 ? 'kota-kupang' : 'kota-dumai', n: i, tags: i > 5 ? ['late'] : [] })),
    );
    const found = await c.find({ tenantId: 'kota-kupang', n: { $gte: 3 } }, { sort: { n: -1 }, skip: 1, limit: 2 });
    expect(found.map((d) => d.n)).toEqual([7, 5]);
    expect(await c.count({ tags: 'late' })).toBe(4);
    expect(await c.count({ $or: [{ n: 0 }, { n: 9 }] })).toBe(2);
    expect(await c.count()).toBe(10);
    expect((await c.find({ n: { $in: [1, 2] } }, { sort: { n: 1 } })).map((d) => d._id)).toEqual(['d1', 'd2']);
    // indexed equality stays correct after replace and delete
    await c.put({ _id: 'd1', tenantId: 'kota-dumai', n: 1, tags: [] });
    await c.delete('d3');
    expect((await c.find({ tenantId: 'kota-kupang' }, { sort: { n: 1 } })).map((d) => d.n)).toEqual([5, 7, 9]);
    expect(await c.count({ tenantId: { $eq: 'kota-dumai' } })).toBe(6);
  });

  it('lists and drops collections', async () => {
    const name = runId('c_');
    await store.collection(name).put({ _id: 'x' });
    expect(await store.listCollections()).toContain(name);
    await store.dropCollection(name);
    expect(await store.listCollections()).not.toContain(name);
    await store.dropCollection(name); // dropping twice is fine
  });

  it('projector: applies each stream version once, keeps a checkpoint, rebuilds into a new collection and switches', async () => {
    const logical = runId('counts_');
    const projection: Projection = {
      name: runId('p_'),
      collections: [logical],
      indexes: { [logical]: [{ total: -1 }] },
      apply: async (e, t) => {
        await applyOnce(t.collection<{ _id: string; total: number }>(logical), e.tenantId, e, (cur) => ({ total: (cur?.total ?? 0) + 1 }));
      },
    };
    const eventStore = await embeddedEventStore(undefined);
    await eventStore.init();
    const tenant = runId('kota-');
    const appended: EventEnvelope[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await eventStore.append({ streamId: `${tenant}:registry.unit:u${i % 2}`, expectedVersion: 'any', events: [{ type: 'UnitRegistered', payload: { i } }], context: { actor: testActor } });
      appended.push(...r.events);
    }
    const projector = new Projector(store, [projection], 50);
    await projector.init();
    for (const e of [...appended, appended[0], appended[2]]) await projector.handle(e); // two redeliveries
    await projector.flushCheckpoints();
    const live = await projector.read<{ _id: string; total: number }>(logical);
    expect((await live.get(tenant))?.total).toBe(3);
    expect(await projector.checkpoint(projection.name)).toBe(appended[2].globalPosition);

    // Corrupt the live collection, then rebuild from the log: readers see the right totals again.
    await live.put({ _id: tenant, total: 999 });
    const result = await projector.rebuild(projection.name, eventStore);
    expect(result.events).toBeGreaterThanOrEqual(3);
    const rebuilt = await projector.read<{ _id: string; total: number }>(logical);
    expect(rebuilt.name).toBe(result.collections[logical]);
    expect((await rebuilt.get(tenant))?.total).toBe(3);
    expect(await store.listCollections()).not.toContain(logical);
    expect((await projector.lag(eventStore))[projection.name]).toBe(0);
    await eventStore.close();
  });
}
