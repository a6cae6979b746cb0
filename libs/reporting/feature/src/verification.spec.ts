import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { embeddedEventStore, EventStore, generateSigningKey, issueOperatorToken, issueToken, LedgerConfig, LedgerSealer, loadConfig, SqlEventStore, StreamNotFoundError, SYSTEM_ACTOR } from '@spbe/ledger-core';
import { createApp, EVENT_STORE, PlatformModule } from '@spbe/platform';
import { ReportingModule } from './reporting.module';
import { LedgerVerifier, Semaphore, yieldingReader } from './verification';

type Raw = (sql: string, params: unknown[]) => Promise<unknown>;
const rawOf = (store: EventStore): Raw => (sql, params) => (store as unknown as { sql: { query: Raw } }).sql.query(sql, params);
const append = (store: EventStore, streamId: string, n = 1) =>
  store.append({ streamId, expectedVersion: 'any', events: Array.from({ length: n }, (_, i) => ({ type: 'AuditPlanned', payload: { i } })), context: { actor: SYSTEM_ACTOR } });

/** Counts the store reads of event data (not heads), per stream, and how many are under way at once. */
function spied(store: EventStore, delayMs = 0) {
  const reads = new Map<string, number>();
  let active = 0;
  let maxActive = 0;
  const spy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readStream') {
        return async (streamId: string, o?: object) => {
          reads.set(streamId, (reads.get(streamId) ?? 0) + 1);
          const tenantStream = !streamId.startsWith('system:');
          if (tenantStream) maxActive = Math.max(maxActive, ++active);
          try {
            if (delayMs) await sleep(delayMs);
            return await target.readStream(streamId, o);
          } finally {
            if (tenantStream) active--;
          }
        };
      }
      if (prop === 'readAll') {
        return async (o?: object) => {
          reads.set('$all', (reads.get('$all') ?? 0) + 1);
          return target.readAll(o);
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const eventReads = (prefix = '') => [...reads].filter(([s]) => s.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
  return { spy, reads, eventReads, maxActive: () => maxActive, reset: () => reads.clear() };
}

/** Issue 12 item 10: a tenant's verification cached while nothing changed, coalesced, bounded, never stalling. */
describe('ledger verification service (embedded store)', () => {
  let store: SqlEventStore;
  let sealer: LedgerSealer;
  const key = generateSigningKey();
  const keys = new Map([[key.keyId, key.publicKey]]);
  const tenants = ['kota-a', 'kota-b', 'kota-c', 'kota-d'];

  beforeAll(async () => {
    store = await embeddedEventStore(undefined);
    await store.init();
    for (const t of tenants) {
      await append(store, `${t}:audit.audit:x`, 3);
      await append(store, `${t}:audit.finding:y`, 2);
    }
    sealer = new LedgerSealer({ store, key });
    await sealer.sealPending();
  });
  afterAll(() => store.close());

  it('answers from the cache without re-reading any event while nothing changed, and says so', async () => {
    const s = spied(store);
    const verifier = new LedgerVerifier(s.spy);
    const first = await verifier.verifyTenant('kota-a', keys);
    expect(first).toMatchObject({ ok: true, tenantId: 'kota-a', streams: 2, events: 5, complete: true, cached: false, verifiedAt: expect.any(String) });
    expect(s.eventReads()).toBeGreaterThan(0);
    s.reset();
    const again = await verifier.verifyTenant('kota-a', keys);
    expect(again).toEqual({ ...first, cached: true });
    expect(s.eventReads()).toBe(0); // heads only
  });

  it("re-verifies after a new event of the tenant, a new checkpoint and a deleted stream; another tenant's unsealed event does not", async () => {
    const s = spied(store);
    const verifier = new LedgerVerifier(s.spy);
    await verifier.verifyTenant('kota-b', keys);

    await append(store, 'kota-c:audit.audit:x');
    s.reset();
    expect(await verifier.verifyTenant('kota-b', keys)).toMatchObject({ ok: true, cached: true });
    expect(s.eventReads()).toBe(0);

    await append(store, 'kota-b:audit.audit:x');
    s.reset();
    expect(await verifier.verifyTenant('kota-b', keys)).toMatchObject({ ok: true, cached: false, events: 6 });
    expect(s.eventReads('kota-b:')).toBe(2);

    await sealer.sealPending();
    expect(await verifier.verifyTenant('kota-b', keys)).toMatchObject({ ok: true, cached: false, events: 6, complete: true });
    expect(await verifier.verifyTenant('kota-b', keys)).toMatchObject({ cached: true });

    await rawOf(store)('DELETE FROM spbe_events WHERE stream_id = $1', ['kota-b:audit.finding:y']);
    expect(await verifier.verifyTenant('kota-b', keys)).toMatchObject({ ok: false, kind: 'omission', streamId: 'kota-b:audit.finding:y', reason: 'missing-stream', cached: false });
  });

  it('runs concurrent calls for one tenant over the same state once', async () => {
    const s = spied(store, 20);
    const verifier = new LedgerVerifier(s.spy);
    const results = await Promise.all(Array.from({ length: 6 }, () => verifier.verifyTenant('kota-d', keys)));
    expect(results.every((r) => r.ok && r.verifiedAt === results[0].verifiedAt)).toBe(true);
    expect(s.reads.get('kota-d:audit.audit:x')).toBe(1);
    expect(s.reads.get('kota-d:audit.finding:y')).toBe(1);
  });

  it('runs at most `concurrency` verifications at once (default 2)', async () => {
    const bounded = spied(store, 25);
    const results = await Promise.all(tenants.map((t) => new LedgerVerifier(bounded.spy).verifyTenant(t, keys)));
    // separate verifiers do not share a bound: the control shows the reads do overlap without one
    expect(bounded.maxActive()).toBeGreaterThan(2);
    expect(results).toHaveLength(4);

    const s = spied(store, 25);
    const verifier = new LedgerVerifier(s.spy);
    let maxRunning = 0;
    const sampler = setInterval(() => (maxRunning = Math.max(maxRunning, verifier.slots.running)), 1);
    await Promise.all(tenants.map((t) => verifier.verifyTenant(t, keys)));
    clearInterval(sampler);
    expect(s.maxActive()).toBe(2);
    expect(maxRunning).toBeLessThanOrEqual(2);

    const probe = spied(store, 10);
    const single = new LedgerVerifier(probe.spy, { concurrency: 1 });
    await Promise.all(tenants.map((t) => single.verifyTenant(t, keys)));
    expect(probe.maxActive()).toBe(1);
  });

  it('the semaphore hands slots over in arrival order and frees them on failure', async () => {
    const sem = new Semaphore(2);
    const order: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      sem.run(async () => {
        order.push(`+${name}`);
        await sleep(ms);
        order.push(`-${name}`);
        if (fail) throw new Error(name);
      });
    const all = await Promise.allSettled([task('a', 20, true), task('b', 40), task('c', 5), task('d', 5)]);
    expect(all.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(order.slice(0, 2)).toEqual(['+a', '+b']);
    expect(order.indexOf('+c')).toBeGreaterThan(order.indexOf('-a'));
    expect(sem.running).toBe(0);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });

  it('the yielding reader pages reads, gives the event loop a turn before each, and answers as the store does', async () => {
    await append(store, 'kota-e:audit.audit:long', 601);
    const reader = yieldingReader(store, 250);
    const s = spied(store);
    const paged = yieldingReader(s.spy, 250);
    expect(await paged.readStream('kota-e:audit.audit:long')).toEqual(await store.readStream('kota-e:audit.audit:long'));
    expect(s.reads.get('kota-e:audit.audit:long')).toBe(3);
    expect(await reader.readStream('kota-e:audit.audit:long', { fromVersion: 100, maxCount: 300 })).toEqual(await store.readStream('kota-e:audit.audit:long', { fromVersion: 100, maxCount: 300 }));
    expect(await reader.readAll({ after: 3, maxCount: 700 })).toEqual(await store.readAll({ after: 3, maxCount: 700 }));
    await expect(reader.readStream('kota-e:audit.audit:none')).rejects.toBeInstanceOf(StreamNotFoundError);
    let turned = false;
    setImmediate(() => (turned = true));
    await reader.streamHead('kota-e:audit.audit:long');
    expect(turned).toBe(true);
    expect(reader.kind).toBe('embedded');
  });

  it("the operator's full check reads the whole log and every tenant afresh, then refills the cache", async () => {
    const s = spied(store);
    const verifier = new LedgerVerifier(s.spy);
    await sealer.sealPending();
    await verifier.verifyTenant('kota-a', keys);
    s.reset();
    const full = await verifier.verifyFull(keys);
    // the stream of kota-b deleted above: the log no longer holds what its checkpoints sealed, and kota-b misses it
    expect(full.log).toMatchObject({ ok: false, kind: 'checkpoint', reason: 'count-mismatch' });
    expect(full.tenants.map((t) => [t.tenantId, t.ok])).toEqual([['kota-a', true], ['kota-b', false], ['kota-c', true], ['kota-d', true], ['kota-e', true]]);
    expect(full.tenants[1]).toMatchObject({ kind: 'omission', streamId: 'kota-b:audit.finding:y' });
    expect(full.ok).toBe(false);
    expect(s.eventReads('kota-a:')).toBe(2);
    expect(s.reads.get('$all')).toBeGreaterThan(0);
    s.reset();
    expect(await verifier.verifyTenant('kota-a', keys)).toMatchObject({ ok: true, cached: true });
    expect(s.eventReads()).toBe(0);
  });
});

/** The routes: GET …/integrity/verify through the service, POST /api/ops/ledger/verify for the platform operator only. */
describe('verification routes (reporting module over HTTP)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spbe-verification-'));
  let config: LedgerConfig;
  let app: INestApplication;
  let operator: string;
  const http = () => request(app.getHttpServer());
  const as = async (role: 'admin' | 'inspektorat') => `Bearer ${await issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant: 'kota-kupang', roles: [role] }, config.auth)}`;

  beforeAll(async () => {
    // No timed sealing during the test: the checkpoints change only when the test seals.
    config = loadConfig({ DATA_DIR: dataDir, LEDGER_CHECKPOINT_SECONDS: '86400' });
    @Module({ imports: [PlatformModule.forRoot(config, { name: 'reporting', forwards: ['registry', 'ledger'], persistentForwarderCheckpoint: false }), ReportingModule] })
    class TestModule {}
    app = await createApp(TestModule, config, { title: 't', description: 't' });
    await app.init();
    operator = `Bearer ${await issueOperatorToken({ sub: 'op-1', name: 'Operator Platform' }, config.auth)}`;
    const store = app.get<EventStore>(EVENT_STORE);
    await store.append({ streamId: 'kota-kupang:registry.unit:inspektorat', expectedVersion: 'no-stream', events: [{ type: 'UnitRegistered', payload: { unitId: 'inspektorat', name: 'Inspektorat Daerah', kind: 'inspektorat' } }], context: { actor: SYSTEM_ACTOR } });
    await http().post('/api/ops/ledger/seal').set('authorization', operator).expect(201);
    // the tenant is known once the audit trail holds its event
    for (let i = 0; i < 100; i++) {
      if ((await http().get('/api/reporting/tenants/kota-kupang/audit-trail').set('authorization', await as('inspektorat'))).status === 200) break;
      await sleep(50);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  });

  it('GET …/integrity/verify answers from the cache while nothing changed, and verifies again after a new event', async () => {
    const insp = await as('inspektorat');
    const first = await http().get('/api/reporting/tenants/kota-kupang/integrity/verify').set('authorization', insp).expect(200);
    expect(first.body).toMatchObject({ ok: true, streams: 1, events: 1, complete: true, cached: false, tenantId: 'kota-kupang' });
    const second = await http().get('/api/reporting/tenants/kota-kupang/integrity/verify').set('authorization', insp).expect(200);
    expect(second.body).toMatchObject({ ok: true, cached: true, verifiedAt: first.body.verifiedAt });
    await app.get<EventStore>(EVENT_STORE).append({ streamId: 'kota-kupang:registry.unit:dinas-kominfo', expectedVersion: 'no-stream', events: [{ type: 'UnitRegistered', payload: { unitId: 'dinas-kominfo', name: 'Dinas Kominfo', kind: 'dinas' } }], context: { actor: SYSTEM_ACTOR } });
    const third = await http().get('/api/reporting/tenants/kota-kupang/integrity/verify').set('authorization', insp).expect(200);
    expect(third.body).toMatchObject({ ok: true, streams: 2, events: 2, cached: false });
  });

  it('POST /api/ops/ledger/verify: 401 without a token, 403 for a tenant admin, 201 with the full check for the platform operator', async () => {
    await http().post('/api/ops/ledger/verify').expect(401);
    const admin = await http().post('/api/ops/ledger/verify').set('authorization', await as('admin')).expect(403);
    expect(admin.body).toMatchObject({ statusCode: 403, error: 'PLATFORM_OPERATOR_REQUIRED', message: expect.stringContaining(' / ') });
    const res = await http().post('/api/ops/ledger/verify').set('authorization', operator).expect(201);
    expect(res.body).toMatchObject({ ok: true, log: { ok: true, checkpoints: 1, events: 1 }, tenants: [{ tenantId: 'kota-kupang', ok: true, complete: true }], verifiedAt: expect.any(String) });
  });
});
