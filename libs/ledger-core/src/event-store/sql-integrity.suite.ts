import { verifyChain } from '../integrity';
import { testActor } from '../testing/event-store.contract';
import { runId } from '../testing/infra';
import { SqlEventStore } from './sql-event-store';

/** Tampering directly in the database is caught, with the exact stream, version and reason. */
export function sqlIntegritySuite(make: () => Promise<SqlEventStore>): void {
  let store: SqlEventStore;
  beforeAll(async () => {
    store = await make();
    await store.init();
  });
  afterAll(async () => store.close());

  async function seed(): Promise<string> {
    const streamId = `${runId('kota-')}:registry.designation:d1`;
    await store.append({
      streamId,
      expectedVersion: 'no-stream',
      events: [1, 2, 3].map((n) => ({ type: 'TestRecorded', payload: { n, decree: `188.45/KEP/${n}/2025` } })),
      context: { actor: testActor },
    });
    return streamId;
  }

  const raw = (sql: string, params: unknown[]) => (store as unknown as { sql: { query: (s: string, p: unknown[]) => Promise<unknown> } }).sql.query(sql, params);

  it('reports an edited payload as a hash mismatch at that version', async () => {
    const streamId = await seed();
    await raw(`UPDATE spbe_events SET payload = jsonb_set(payload, '{decree}', '"188.45/KEP/99/2025"') WHERE stream_id = $1 AND version = 1`, [streamId]);
    const result = verifyChain(streamId, await store.readStream(streamId));
    expect(result).toMatchObject({ ok: false, streamId, version: 1, reason: 'hash-mismatch' });
  });

  it('reports a re-hashed edit as a broken prevHash link at the next version', async () => {
    const streamId = await seed();
    const [e1] = await store.readStream(streamId, { fromVersion: 1, maxCount: 1 });
    const { computeEventHash } = await import('../envelope');
    const forged = { ...e1, actor: { ...e1.actor, name: 'Orang Lain' } };
    await raw(`UPDATE spbe_events SET actor = $2::jsonb, hash = $3 WHERE stream_id = $1 AND version = 1`, [
      streamId,
      JSON.stringify(forged.actor),
      computeEventHash(forged),
    ]);
    const result = verifyChain(streamId, await store.readStream(streamId));
    expect(result).toMatchObject({ ok: false, streamId, version: 2, reason: 'prev-hash-mismatch' });
  });

  it('reports a deleted event as a version gap', async () => {
    const streamId = await seed();
    await raw('DELETE FROM spbe_events WHERE stream_id = $1 AND version = 1', [streamId]);
    expect(verifyChain(streamId, await store.readStream(streamId))).toMatchObject({ ok: false, version: 2, reason: 'version-gap', expected: '1' });
  });
}
