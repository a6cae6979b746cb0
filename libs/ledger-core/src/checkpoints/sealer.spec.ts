import { embeddedEventStore } from '../event-store/pglite';
import { SqlEventStore } from '../event-store/sql-event-store';
import { testActor } from '../testing/event-store.contract';
import { generateSigningKey, verifyCheckpointSignature } from './checkpoint';
import { verifyInclusion } from './merkle';
import { CHECKPOINT_STREAM, LedgerSealer, proveInclusion, readCheckpoints, verifyLedger } from './sealer';

describe('ledger sealer, verification and inclusion proofs (embedded store)', () => {
  let store: SqlEventStore;
  const key = generateSigningKey();
  const keys = new Map([[key.keyId, key.publicKey]]);
  const tenant = 'kota-kupang';
  const raw = (sql: string, params: unknown[]) => (store as unknown as { sql: { query: (s: string, p: unknown[]) => Promise<unknown> } }).sql.query(sql, params);

  beforeAll(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
    for (let i = 0; i < 5; i++) {
      await store.append({
        streamId: `${tenant}:audit.audit:a${i % 2}`,
        expectedVersion: 'any',
        events: [{ type: 'AuditPlanned', payload: { i }, legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' } }],
        context: { actor: testActor },
      });
    }
  });
  afterAll(() => store.close());

  it('seals the pending events in blocks of at most N, linked and signed, and never seals its own checkpoints', async () => {
    const sealer = new LedgerSealer({ store, key, blockSize: 3 });
    const first = await sealer.sealPending();
    expect(first.map((c) => c.count)).toEqual([3, 2]);
    expect(first[1].prevRoot).toBe(first[0].root);
    expect(verifyCheckpointSignature(first[0], key.publicKey)).toBe(true);
    expect(await sealer.sealPending()).toEqual([]); // only checkpoint events are new: nothing to seal
    await store.append({ streamId: `${tenant}:audit.audit:a9`, expectedVersion: 'no-stream', events: [{ type: 'AuditPlanned', payload: { i: 9 } }], context: { actor: testActor } });
    const next = await sealer.sealPending();
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ sequence: 2, count: 1, prevRoot: first[1].root });
    expect((await store.readStream(CHECKPOINT_STREAM)).map((e) => e.type)).toEqual(['LedgerCheckpointSealed', 'LedgerCheckpointSealed', 'LedgerCheckpointSealed']);
  });

  it('two sealers at once seal each block once', async () => {
    await store.append({ streamId: `${tenant}:audit.audit:b1`, expectedVersion: 'no-stream', events: [{ type: 'AuditPlanned', payload: {} }], context: { actor: testActor } });
    const [a, b] = await Promise.all([new LedgerSealer({ store, key }).sealPending(), new LedgerSealer({ store, key }).sealPending()]);
    expect(a.length + b.length).toBe(1);
    const all = await readCheckpoints(store);
    expect(all.map((c) => c.sequence)).toEqual([0, 1, 2, 3]);
  });

  it("verifies the tenant's streams and every checkpoint, and proves an event's inclusion", async () => {
    const result = await verifyLedger(store, tenant, keys);
    expect(result).toMatchObject({ ok: true, streams: 4, events: 7, checkpoints: 4 });
    const [event] = await store.readStream(`${tenant}:audit.audit:a1`);
    const proof = await proveInclusion(store, event);
    expect(proof).not.toBeNull();
    expect(verifyInclusion(proof!.eventHash, proof!.index, proof!.treeSize, proof!.proof, proof!.checkpoint.root)).toBe(true);
  });

  it('catches a tampered checkpoint', async () => {
    await raw(`UPDATE spbe_events SET payload = jsonb_set(payload, '{count}', '99') WHERE stream_id = $1 AND version = 1`, [CHECKPOINT_STREAM]);
    const result = await verifyLedger(store, tenant, keys);
    // the checkpoint stream's own hash chain is not the tenant's; the signature check catches it
    expect(result).toMatchObject({ ok: false, kind: 'checkpoint', sequence: 1, reason: 'bad-signature' });
  });

  it('catches a tampered event with the exact stream, version and reason', async () => {
    await raw(`UPDATE spbe_events SET payload = '{"i": 42}' WHERE stream_id = $1 AND version = 1`, [`${tenant}:audit.audit:a0`]);
    expect(await verifyLedger(store, tenant, keys)).toMatchObject({ ok: false, kind: 'stream', streamId: `${tenant}:audit.audit:a0`, version: 1, reason: 'hash-mismatch' });
  });
});
