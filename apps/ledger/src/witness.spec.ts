import { EventStore, ExportBundle, generateSigningKey, issueOperatorToken, verifyExportBundle, witnessOnce } from '@spbe/ledger-core';
import { EVENT_STORE, publicKeyPem, resolveSigningKey } from '@spbe/platform';
import { ledgerUnderTest } from './testing/ledger';

/**
 * Issue 12 item 4: a witness outside the Dinas (the Inspektorat) cosigns checkpoints after checking
 * that the ledger only grew; a server admin who rewrites history and re-signs it with the ledger key
 * cannot produce the witness's cosignature, and the witness refuses to cosign the rewrite.
 */
describe('witness cosignatures (all-in-one app over HTTP)', () => {
  const ledger = ledgerUnderTest('witness', { listen: true });
  const witness = generateSigningKey();
  const witnessPem = witness.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let run: Parameters<typeof witnessOnce>[0];
  const exportBundle = async (): Promise<ExportBundle> => (await ledger.http().get('/api/reporting/tenants/kota-kupang/integrity/export').set('authorization', await ledger.as('inspektorat')).expect(200)).body;
  const seal = async () => ledger.http().post('/api/ops/ledger/seal').set('authorization', `Bearer ${await issueOperatorToken({ sub: 'op', name: 'Operator' }, ledger.config.auth)}`).expect(201);

  beforeAll(async () => {
    const k = await ledger.as('koordinator');
    await ledger.http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    await ledger.http().post('/api/registry/tenants/kota-kupang/units').set('authorization', k).send({ unitId: 'inspektorat', name: 'Inspektorat Daerah', kind: 'inspektorat' }).expect(201);
    await seal();
    const token = (await ledger.as('inspektorat')).replace(/^Bearer /, '');
    run = { url: ledger.url, token, witnessKeyPem: witnessPem, ledgerKeyPem: publicKeyPem(resolveSigningKey(ledger.config)!.key), state: { lastCosigned: null, announcedKeys: [] } };
  });

  it('the witness checks and cosigns the latest checkpoint; a bundle then verifies with --require-witness', async () => {
    const before = await exportBundle();
    expect(verifyExportBundle(before, undefined, { requireWitness: witness.publicKey })).toMatchObject({ ok: false, reason: expect.stringContaining('no valid cosignature') });
    const outcome = await witnessOnce(run);
    expect(outcome).toMatchObject({ ok: true, cosigned: before.checkpoints[before.checkpoints.length - 1].sequence });
    if (outcome.ok) run.state = outcome.state;
    const after = await exportBundle();
    expect(after.cosignatures).toEqual([expect.objectContaining({ witnessKeyId: witness.keyId })]);
    expect(verifyExportBundle(after, undefined, { requireWitness: witness.publicKey })).toMatchObject({ ok: true, witnessed: witness.keyId });
    // Another witness's key does not satisfy the requirement.
    expect(verifyExportBundle(after, undefined, { requireWitness: generateSigningKey().publicKey })).toMatchObject({ ok: false });
  });

  it('a forged cosignature is refused (422); only the Inspektorat records one (403)', async () => {
    const seq = run.state.lastCosigned!.sequence;
    const body = { publicKeyPem: publicKeyPem(witness), signature: Buffer.alloc(64).toString('base64') };
    await ledger.http().post(`/api/reporting/ledger/checkpoints/${seq}/cosignatures`).set('authorization', await ledger.as('inspektorat')).send(body).expect(422);
    await ledger.http().post(`/api/reporting/ledger/checkpoints/${seq}/cosignatures`).set('authorization', await ledger.as('dinas')).send(body).expect(403);
    await ledger.http().post('/api/reporting/ledger/checkpoints/9999/cosignatures').set('authorization', await ledger.as('inspektorat')).send(body).expect(404);
  });

  it('after a rewrite re-signed by the server admin the witness refuses, and no bundle carries its cosignature', async () => {
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const raw = (sql: string, params: unknown[]) => (store as unknown as { sql: { query: (s: string, p: unknown[]) => Promise<unknown> } }).sql.query(sql, params);
    // The admin deletes the unit and every checkpoint, then lets the ledger re-seal what is left.
    await raw('DELETE FROM spbe_events WHERE stream_id = $1', ['kota-kupang:registry.unit:inspektorat']);
    await raw("DELETE FROM spbe_events WHERE stream_id LIKE 'system:ledger.%'", []);
    await seal();
    const refused = await witnessOnce(run);
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('rewritten') });
    const forged = await exportBundle();
    expect(verifyExportBundle(forged)).toMatchObject({ ok: true }); // self-consistent with the (stolen) ledger key …
    expect(verifyExportBundle(forged, undefined, { requireWitness: witness.publicKey })).toMatchObject({ ok: false, reason: expect.stringContaining('no valid cosignature') }); // … but not witnessed
  });
});
