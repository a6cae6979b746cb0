import request from 'supertest';
import { Role } from '@spbe/ledger-core';
import { waitFor } from '@spbe/ledger-core/testing';

type Http = () => ReturnType<typeof request>;
type As = (role: Role) => Promise<string>;

/**
 * A small but complete Kota Kupang: a tenant on its regulation profile, the Dinas Kominfo, an
 * application tested and live, the data centre, an internal security audit reported with one
 * finding, and a pemdi-2026 cycle assessed through the stages and finalised (19 indicators at 3,
 * indicator 20 at 4). Waits until reporting has projected it.
 */
export async function seedKupang(http: Http, as: As): Promise<void> {
  const k = await as('koordinator');
  const dinas = await as('dinas');
  const insp = await as('inspektorat');
  const reg = '/api/registry/tenants/kota-kupang';
  const aud = '/api/audit/tenants/kota-kupang';
  const cycles = '/api/evaluation/tenants/kota-kupang/cycles';
  await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
  await http().post(`${reg}/units`).set('authorization', k).send({ unitId: 'dinas-kominfo', name: 'Dinas Komunikasi dan Informatika', kind: 'dinas-kominfo' }).expect(201);
  await http().post(`${reg}/applications`).set('authorization', dinas).send({ applicationId: 'srikandi', name: 'SRIKANDI', category: 'umum', ownerUnitId: 'dinas-kominfo' }).expect(201);
  await http().post(`${reg}/applications/srikandi/tests`).set('authorization', dinas).send({ testedOn: '2026-10-05', kind: 'uji pengguna', result: 'lulus', documents: [{ uri: 'https://dokumen.kupangkota.go.id/uji.pdf', sha256: 'c'.repeat(64) }] }).expect(201);
  await http().post(`${reg}/applications/srikandi/go-live`).set('authorization', dinas).send({ deployedOn: '2026-10-06' }).expect(201);
  await http().post(`${reg}/infrastructure`).set('authorization', dinas).send({ infrastructureId: 'pusat-data', name: 'Pusat Data Kota Kupang', kind: 'pusat-data', unitId: 'dinas-kominfo' }).expect(201);
  await waitFor(async () => (await http().get(`${aud}/objects`).set('authorization', k)).body.items?.length >= 1);
  await http().post(`${aud}/audits`).set('authorization', insp).send({ auditId: 'audit-keamanan-2026', auditType: 'keamanan', mode: 'internal', objectKind: 'infrastructure', objectId: 'pusat-data', year: 2026 }).expect(201);
  await http().post(`${aud}/audits/audit-keamanan-2026/schedule`).set('authorization', insp).send({ startDate: '2026-11-02', endDate: '2026-11-06' }).expect(201);
  await http().post(`${aud}/audits/audit-keamanan-2026/start`).set('authorization', insp).send({ startedOn: '2026-11-02' }).expect(201);
  await http().post(`${aud}/audits/audit-keamanan-2026/report`).set('authorization', insp).send({ reportedOn: '2026-11-10', conclusion: 'perlu-peningkatan', summary: 'Kendali akses perlu diperbaiki' }).expect(201);
  await http().post(`${aud}/findings`).set('authorization', insp).send({ findingId: 'temuan-1', auditId: 'audit-keamanan-2026', criteria: 'SNI ISO/IEC 27001 A.9', condition: 'Akun bersama dipakai', cause: 'Belum ada SOP', effect: 'Jejak akses hilang', recommendation: 'Terapkan akun individual', severity: 'tinggi', responsibleUnitId: 'dinas-kominfo', dueDate: '2026-11-15' }).expect(201);
  const open = { year: 2026, frameworkId: 'pemdi-2026', asesorDecree: { number: '100/12/2026', date: '2026-02-01', signer: 'Wali Kota Kupang' }, members: ['Maria Asesor'] };
  await http().post(cycles).set('authorization', k).send(open).expect(201);
  const asesor = await as('asesor');
  // The asesor transcribes the national assessment's stages: each with the source document as evidence.
  const source = [{ uri: 'https://dokumen.kupangkota.go.id/evaluasi/2026/hasil-penilaian.pdf', sha256: 'd'.repeat(64) }];
  for (let no = 1; no <= 20; no++) {
    for (const stage of ['mandiri', 'dokumen', 'interviu']) {
      await http().put(`${cycles}/pemdi-2026-2026/indicators/${no}/assessments/${stage}`).set('authorization', asesor).send({ level: 3, explanation: 'Fakta: dokumen tersedia. Analisis: memenuhi.', ...(stage === 'mandiri' ? {} : { evidence: source }) }).expect(200);
    }
    await http().put(`${cycles}/pemdi-2026-2026/indicators/${no}/assessments/akhir`).set('authorization', asesor).send({ level: no === 20 ? 4 : 3, explanation: 'Fakta: diverifikasi. Analisis: memenuhi.', evidence: source, justification: no === 20 ? 'Visitasi menunjukkan survei berkala' : undefined }).expect(200);
  }
  await http().post(`${cycles}/pemdi-2026-2026/finalize`).set('authorization', k).expect(201);
  const rep = '/api/reporting/tenants/kota-kupang';
  await waitFor(async () => (await http().get(`${rep}/evaluation`).set('authorization', k)).body.trend?.length === 1);
  await waitFor(async () => (await http().get(`${rep}/audit-trail?type=FindingRecorded`).set('authorization', k)).body.items?.length === 1);
}
