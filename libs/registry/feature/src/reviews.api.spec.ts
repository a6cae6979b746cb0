import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { issueToken, LedgerConfig, loadConfig, Role } from '@spbe/ledger-core';
import { createApp, PlatformModule } from '@spbe/platform';
import { RegistryModule } from './registry.module';

/**
 * Tenant-wide reviews over HTTP (embedded adapters): recorded by the role of the body the profile
 * names (403 naming the article otherwise), refused where the profile sets no such duty (422 naming
 * the profile). That they count in the compliance view is covered in apps/ledger/src/reviews.spec.ts.
 */
describe('architecture-registry API: tenant-wide reviews', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spbe-reviews-'));
  let config: LedgerConfig;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const as = async (role: Role, tenant = 'kota-kupang') => `Bearer ${await issueToken({ sub: `u-${role}`, name: `Pejabat ${role}`, tenant, roles: [role] }, config.auth)}`;
  const base = '/api/registry/tenants/kota-kupang';
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const doc = { uri: 'https://jdih.kupangkota.go.id/dokumen/reviu.pdf', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };
  const body = (reviewId: string, subject: string, extra: Record<string, unknown> = {}) => ({ reviewId, subject, date: today, summary: `Reviu ${subject} tahun ${year}`, documents: [doc], ...extra });

  beforeAll(async () => {
    config = loadConfig({ DATA_DIR: dataDir });
    @Module({ imports: [PlatformModule.forRoot(config, { name: 'architecture-registry', forwards: ['registry'], persistentForwarderCheckpoint: false }), RegistryModule] })
    class TestModule {}
    app = await createApp(TestModule, config, { title: 't', description: 't' });
    await app.init();
    await http().post('/api/registry/tenants').set('authorization', await as('koordinator')).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    await http()
      .post('/api/registry/tenants')
      .set('authorization', await as('koordinator', 'kota-pasuruan'))
      .send({ tenantId: 'kota-pasuruan', name: 'Pemerintah Kota Pasuruan', kind: 'kota', profileId: 'pasuruan-perwali-24-2021' })
      .expect(201);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records each Kupang review by the role of the body the profile names (201)', async () => {
    const res = await http().post(`${base}/reviews`).set('authorization', await as('opd')).send(body('reviu-proses-bisnis', 'business-process')).expect(201);
    expect(res.body).toMatchObject({ id: 'reviu-proses-bisnis', version: 0, eventIds: [expect.any(String)], replayed: false });
    await http().post(`${base}/reviews`).set('authorization', await as('dinas')).send(body('reviu-jaringan-intra', 'intra-network')).expect(201);
    // R-INF-24's term is silent until the Pemda sets it; the review itself is still recorded.
    await http().post(`${base}/reviews`).set('authorization', await as('dinas')).send(body('reviu-pusat-data', 'data-centre-usage', { documents: undefined })).expect(201);
  });

  it('refuses a role the profile does not empower with 403 naming the article, and records nothing', async () => {
    const res = await http().post(`${base}/reviews`).set('authorization', await as('opd')).send(body('reviu-jaringan-opd', 'intra-network')).expect(403);
    expect(res.body.message).toContain('Pasal 23(8)');
    const viewerRole = await http().post(`${base}/reviews`).set('authorization', await as('viewer')).send(body('reviu-viewer', 'business-process')).expect(403);
    expect(viewerRole.body.message).toMatch(/opd, dinas, koordinator/);
    await http().get(`${base}/reviews/reviu-jaringan-opd`).set('authorization', await as('viewer')).expect(404);
  });

  it('refuses a subject the profile sets no duty for with 422 naming the profile', async () => {
    const res = await http().post('/api/registry/tenants/kota-pasuruan/reviews').set('authorization', await as('opd', 'kota-pasuruan')).send(body('reviu-proses-bisnis', 'business-process')).expect(422);
    expect(res.body.message).toContain('pasuruan-perwali-24-2021');
  });

  it.each([
    ['a missing summary', { summary: undefined }, /summary/],
    ['a malformed date', { date: '15-06-2026' }, /date/],
    ['an impossible date', { date: `${year}-02-30` }, /date/],
    ['a date in the future', { date: tomorrow }, /^date: .*future/],
    ['an unknown subject', { subject: 'anggaran' }, /subject/],
    ['a bad document hash', { documents: [{ uri: doc.uri, sha256: 'x' }] }, /sha256/],
    ['a malformed reviewId', { reviewId: 'Reviu Salah' }, /^reviewId/],
  ])('refuses %s (400) and records nothing', async (_what, extra, message) => {
    const res = await http().post(`${base}/reviews`).set('authorization', await as('opd')).send(body('reviu-salah', 'business-process', extra)).expect(400);
    expect(String(res.body.message)).toMatch(message);
    await http().get(`${base}/reviews/reviu-salah`).set('authorization', await as('viewer')).expect(404);
  });

  it('the same reviewId twice is 409', async () => {
    await http().post(`${base}/reviews`).set('authorization', await as('opd')).send(body('reviu-proses-bisnis', 'business-process')).expect(409);
  });

  it('lists the reviews, shows one with its history, and 404s an unknown one', async () => {
    const viewer = await as('viewer');
    const list = await http().get(`${base}/reviews`).set('authorization', viewer).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual(['reviu-jaringan-intra', 'reviu-proses-bisnis', 'reviu-pusat-data']);
    expect(list.body.items[2]).toMatchObject({ subject: 'data-centre-usage', documents: [], legalBasis: { article: 'Pasal 19(13)' } });
    const one = await http().get(`${base}/reviews/reviu-proses-bisnis`).set('authorization', viewer).expect(200);
    expect(one.body).toEqual({
      exists: true,
      reviewId: 'reviu-proses-bisnis',
      subject: 'business-process',
      date: today,
      summary: `Reviu business-process tahun ${year}`,
      documents: [doc],
      legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 14(2)' },
      version: 0,
    });
    const history = await http().get(`${base}/reviews/reviu-proses-bisnis/history`).set('authorization', viewer).expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({
      type: 'BusinessProcessReviewed',
      actor: { role: 'opd' },
      payload: { subject: 'business-process', date: today, summary: `Reviu business-process tahun ${year}`, documents: [doc], ruleIds: ['R-ARC-16'] },
      legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 14(2)' },
    });
    await http().get(`${base}/reviews/reviu-x`).set('authorization', viewer).expect(404);
    await http().get(`${base}/reviews/reviu-x/history`).set('authorization', viewer).expect(404);
    await http().get('/api/registry/tenants/kota-x/reviews').set('authorization', await as('viewer', 'kota-x')).expect(404);
  });
});
