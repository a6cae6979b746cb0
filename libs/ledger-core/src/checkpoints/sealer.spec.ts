import { computeEventHash, EventEnvelope } from '../envelope';
import { embeddedEventStore } from '../event-store/pglite';
import { SqlEventStore } from '../event-store/sql-event-store';
import { testActor } from '../testing/event-store.contract';
import { generateSigningKey, signCheckpoint, verifyCheckpointSignature } from './checkpoint';
import { buildExportBundle, trustedCheckpointOf, verifyExportBundle } from './export-bundle';
import { proveInclusion, verifyLedger, verifyLog } from './ledger-verify';
import { CHECKPOINT_STREAM, readCheckpoints } from './log-state';
import { verifyConsistency, verifyInclusion } from './merkle';
import { LedgerSealer } from './sealer';

type Raw = (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
const rawOf = (store: SqlEventStore): Raw => (sql, params) => (store as unknown as { sql: { query: Raw } }).sql.query(sql, params);
const append = (store: SqlEventStore, streamId: string, payload: Record<string, unknown> = {}) =>
  store.append({ streamId, expectedVersion: 'any', events: [{ type: 'AuditPlanned', payload, legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' } }], context: { actor: testActor } });

describe('ledger sealer: a cumulative log with stream heads, verification and inclusion proofs (embedded store)', () => {
  let store: SqlEventStore;
  const key = generateSigningKey();
  const keys = new Map([[key.keyId, key.publicKey]]);
  const tenant = 'kota-kupang';

  beforeAll(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
    for (let i = 0; i < 5; i++) await append(store, `${tenant}:audit.audit:a${i % 2}`, { i });
  });
  afterAll(() => store.close());

  it('seals the pending events in blocks of at most N; each root covers the whole log and is consistent with the previous one', async () => {
    const sealer = new LedgerSealer({ store, key, blockSize: 3 });
    const first = await sealer.sealPending();
    expect(first.map((c) => [c.count, c.treeSize, c.format])).toEqual([
      [3, 3, 2],
      [2, 5, 2],
    ]);
    expect(first[1].prevRoot).toBe(first[0].root);
    expect(verifyCheckpointSignature(first[0], key.publicKey)).toBe(true);
    const records = await readCheckpoints(store);
    expect(verifyConsistency(3, 5, records[0].root, records[1].root, records[1].consistency!)).toBe(true);
    expect(records[1].tenants).toEqual([expect.objectContaining({ tenantId: tenant, streams: 2 })]);
    expect(await sealer.sealPending()).toEqual([]); // only checkpoint events are new: nothing to seal
    await append(store, `${tenant}:audit.audit:a9`, { i: 9 });
    const next = await sealer.sealPending();
    expect(next).toEqual([expect.objectContaining({ sequence: 2, count: 1, treeSize: 6, prevRoot: first[1].root })]);
    expect((await store.readStream(CHECKPOINT_STREAM)).map((e) => e.type)).toEqual(['LedgerCheckpointSealed', 'LedgerCheckpointSealed', 'LedgerCheckpointSealed']);
  });

  it('two sealers at once seal each block once, and a sealer that lost the race carries on from the other one', async () => {
    await append(store, `${tenant}:audit.audit:b1`);
    const a = new LedgerSealer({ store, key });
    const b = new LedgerSealer({ store, key });
    const [x, y] = await Promise.all([a.sealPending(), b.sealPending()]);
    expect(x.length + y.length).toBe(1);
    await append(store, `kota-beta:audit.audit:c1`);
    expect(await (x.length ? b : a).sealPending()).toHaveLength(1);
    const all = await readCheckpoints(store);
    expect(all.map((c) => c.sequence)).toEqual([0, 1, 2, 3, 4]);
    expect(await verifyLog(store, keys)).toEqual({ ok: true, checkpoints: 5, events: 8 });
  });

  it("verifies the tenant's streams, every checkpoint and its completeness, and proves an event's inclusion in the whole log", async () => {
    expect(await verifyLedger(store, tenant, keys)).toMatchObject({ ok: true, streams: 4, events: 7, checkpoints: 5, complete: true });
    const [event] = await store.readStream(`${tenant}:audit.audit:a1`);
    const proof = await proveInclusion(store, event);
    expect(proof).toMatchObject({ treeSize: 8, checkpoint: { sequence: 4 } });
    expect(verifyInclusion(proof!.eventHash, proof!.index, proof!.treeSize, proof!.proof, proof!.checkpoint.root)).toBe(true);
  });

  it('a bundle proves it holds every stream of the tenant; a saved checkpoint proves the next bundle extends it', async () => {
    const bundle = (await buildExportBundle(store, tenant, key))!;
    expect(verifyExportBundle(bundle, key.publicKey)).toMatchObject({ ok: true, streams: 4, events: 7, complete: true, keyPinned: true });
    expect(JSON.stringify(bundle)).not.toContain('kota-beta'); // another tenant's data never leaves in a bundle
    const saved = trustedCheckpointOf(bundle);
    await append(store, `${tenant}:audit.audit:a0`, { i: 10 });
    await new LedgerSealer({ store, key }).sealPending();
    const later = (await buildExportBundle(store, tenant, key))!;
    expect(verifyExportBundle(later, key.publicKey, { trusted: saved })).toMatchObject({ ok: true, events: 8, extends: { sequence: 4 } });
  });
});

describe('attacks on the ledger (embedded store, key pinned)', () => {
  const key = generateSigningKey();
  const keys = new Map([[key.keyId, key.publicKey]]);
  const tenant = 'kota-kupang';
  let store: SqlEventStore;
  let raw: Raw;

  beforeEach(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
    raw = rawOf(store);
    await append(store, `${tenant}:audit.finding:kritis`, { severity: 'kritis' });
    await append(store, `${tenant}:audit.finding:kritis`, { step: 'follow-up' });
    await append(store, `${tenant}:audit.audit:a1`);
    await append(store, `kota-beta:registry.unit:u1`);
    await new LedgerSealer({ store, key }).sealPending();
  });
  afterEach(() => store.close());

  it('deleting the last event of a stream fails verification naming the stream and version; another tenant still verifies', async () => {
    const bundle = (await buildExportBundle(store, tenant, key))!;
    const cut = JSON.parse(JSON.stringify(bundle));
    cut.streams[`${tenant}:audit.finding:kritis`].pop();
    expect(verifyExportBundle(cut, key.publicKey)).toEqual({ ok: false, where: `${tenant}:audit.finding:kritis v1`, reason: expect.stringContaining('missing events') });
    await raw('DELETE FROM spbe_events WHERE stream_id = $1 AND version = 1', [`${tenant}:audit.finding:kritis`]);
    expect(await verifyLedger(store, tenant, keys)).toMatchObject({ ok: false, kind: 'omission', streamId: `${tenant}:audit.finding:kritis`, version: 1, reason: 'missing-events' });
    expect(await verifyLedger(store, 'kota-beta', keys)).toMatchObject({ ok: true, complete: true });
  });

  it('deleting a whole stream (a kritis finding) fails verification naming the missing stream', async () => {
    const bundle = (await buildExportBundle(store, tenant, key))!;
    const cut = JSON.parse(JSON.stringify(bundle));
    delete cut.streams[`${tenant}:audit.finding:kritis`];
    expect(verifyExportBundle(cut, key.publicKey)).toEqual({ ok: false, where: `${tenant}:audit.finding:kritis`, reason: expect.stringContaining('missing stream') });
    // Dropping it from the heads too breaks the signed leaf.
    cut.heads = cut.heads.filter((h: { streamId: string }) => !h.streamId.endsWith('kritis'));
    expect(verifyExportBundle(cut, key.publicKey)).toMatchObject({ ok: false, where: 'heads' });
    await raw('DELETE FROM spbe_events WHERE stream_id = $1', [`${tenant}:audit.finding:kritis`]);
    expect(await verifyLedger(store, tenant, keys)).toMatchObject({ ok: false, kind: 'omission', streamId: `${tenant}:audit.finding:kritis`, reason: 'missing-stream' });
  });

  it('a rewrite re-signed with the stolen key fails for anyone holding an older checkpoint', async () => {
    const saved = trustedCheckpointOf((await buildExportBundle(store, tenant, key))!);
    // The attacker edits the finding, recomputes its hash chain and re-seals every checkpoint with the key.
    const [e0, e1] = await store.readStream(`${tenant}:audit.finding:kritis`);
    const forged0 = { ...e0, payload: { severity: 'rendah' } } as EventEnvelope;
    forged0.hash = computeEventHash(forged0);
    const forged1 = { ...e1, prevHash: forged0.hash } as EventEnvelope;
    forged1.hash = computeEventHash(forged1);
    for (const f of [forged0, forged1]) await raw('UPDATE spbe_events SET payload = $3::jsonb, prev_hash = $4, hash = $5 WHERE stream_id = $1 AND version = $2', [f.streamId, f.version, JSON.stringify(f.payload), f.prevHash, f.hash]);
    await raw('DELETE FROM spbe_events WHERE stream_id = $1', [CHECKPOINT_STREAM]);
    await new LedgerSealer({ store, key }).sealPending();
    // Without an older checkpoint the forgery is self-consistent (the key signs anything) …
    const forged = (await buildExportBundle(store, tenant, key))!;
    expect(verifyExportBundle(forged, key.publicKey)).toMatchObject({ ok: true });
    // … but it does not extend the checkpoint the Inspektorat saved.
    expect(verifyExportBundle(forged, key.publicKey, { trusted: saved })).toMatchObject({ ok: false, where: 'trusted checkpoint 0', reason: expect.stringContaining('rewritten') });
  });

  it('a tampered checkpoint record (its unsigned heads) or signature is caught', async () => {
    await raw(`UPDATE spbe_events SET payload = jsonb_set(payload, '{count}', '99') WHERE stream_id = $1 AND version = 0`, [CHECKPOINT_STREAM]);
    expect(await verifyLedger(store, tenant, keys)).toMatchObject({ ok: false, kind: 'checkpoint', sequence: 0, reason: 'bad-signature' });
  });

  it('rotates the key: a checkpoint signed with the old key announces the new one; a change without it is refused', async () => {
    const next = generateSigningKey();
    await append(store, `${tenant}:audit.audit:a2`);
    await expect(new LedgerSealer({ store, key: next }).sealPending()).rejects.toThrow(/configure the previous key/);
    const [announced] = await new LedgerSealer({ store, key: next, previousKey: key }).sealPending();
    expect(announced).toMatchObject({ keyId: key.keyId, nextKey: { keyId: next.keyId } });
    await append(store, `${tenant}:audit.audit:a3`);
    const [signedWithNew] = await new LedgerSealer({ store, key: next }).sealPending();
    expect(signedWithNew.keyId).toBe(next.keyId);
    // A verifier that pinned the old key learns the new one from the ledger.
    expect(await verifyLedger(store, tenant, keys)).toMatchObject({ ok: true });
    expect(verifyExportBundle((await buildExportBundle(store, tenant, next))!, key.publicKey)).toMatchObject({ ok: true });
    // A key nobody announced is not trusted: a checkpoint re-signed with it fails.
    const rogue = generateSigningKey();
    const bundle = (await buildExportBundle(store, tenant, next))!;
    const last = bundle.checkpoints.length - 1;
    const { consistency, signature: _s, ...body } = bundle.checkpoints[last];
    bundle.checkpoints[last] = { ...signCheckpoint({ ...body, keyId: rogue.keyId }, rogue), consistency };
    expect(verifyExportBundle(bundle, key.publicKey)).toMatchObject({ ok: false, where: `checkpoint ${bundle.checkpoints[last].sequence}`, reason: expect.stringMatching(/^unknown-key/) });
  });
});
