import { AuditService } from '@spbe/audit-feature';
import { EventStore, Role } from '@spbe/ledger-core';
import { waitFor } from '@spbe/ledger-core/testing';
import { EVENT_STORE } from '@spbe/platform';
import { addDays, addPeriod } from '@spbe/regulations';
import { ledgerUnderTest } from './testing/ledger';

/**
 * The audit-scheduler in the all-in-one app: it learns audit objects from the registry's events over
 * the (in-process) bus, plans and reports audits under the tenant's profile, records findings and
 * tindak lanjut, and marks overdue items exactly once.
 */
describe('audit-scheduler over HTTP (all-in-one app)', () => {
  const ledger = ledgerUnderTest('audit');
  const { http } = ledger;
  const as = (role: Role, unit?: string) => ledger.as(role, { unit: unit ?? null });
  const base = '/api/audit/tenants/kota-kupang';
  // The audit objects enter the ledger on the day the test runs; their first due dates follow from it.
  const today = new Date().toISOString().slice(0, 10);
  const dueIn2Years = addPeriod(today, { years: 2 });
  const afterDue = `${Number(today.slice(0, 4)) + 3}-01-01`;
  const dueYear = Number(dueIn2Years.slice(0, 4));

  beforeAll(async () => {
    const k = await as('koordinator');
    await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    await http().post('/api/registry/tenants/kota-kupang/units').set('authorization', k).send({ unitId: 'dinas-kesehatan', name: 'Dinas Kesehatan', kind: 'opd' }).expect(201);
    // The registry records the data centre in its catalogue; the audit-scheduler learns it from the registry's events.
    await http().post('/api/registry/tenants/kota-kupang/infrastructure').set('authorization', await as('dinas')).send({ infrastructureId: 'pusat-data', name: 'Pusat Data Kota Kupang', kind: 'pusat-data', unitId: 'dinas-kesehatan' }).expect(201);
    await waitFor(async () => (await http().get(`${base}/objects`).set('authorization', k)).body.items?.length === 1);
  });

  it('lists the objects learned from the registry with their due audits and articles', async () => {
    const res = await http().get(`${base}/due?asOf=2026-12-01`).set('authorization', await as('inspektorat')).expect(200);
    const infra = res.body.items.find((i: { object: { id: string } }) => i.object.id === 'pusat-data');
    expect(infra.obligations.map((o: { ruleId: string; citation: { article: string } }) => [o.ruleId, o.citation.article])).toEqual([
      ['R-AUD-09', 'Pasal 48(1)'],
      ['R-AUD-11.infrastructure', 'Pasal 50(2)'],
    ]);
    expect((await http().get(`${base}/due?asOf=2026-13-01`).set('authorization', await as('inspektorat'))).status).toBe(400);
  });

  it('proposes the year programme from what is due; the Inspektorat approves and adjusts it (Pasal 48(1))', async () => {
    const insp = await as('inspektorat');
    const proposal = await http().get(`${base}/programme/${dueYear}/proposal`).set('authorization', insp).expect(200);
    expect(proposal.body.items.map((o: { ruleId: string }) => o.ruleId).sort()).toEqual(['R-AUD-09', 'R-AUD-11.infrastructure']);
    const items = [{ ruleId: 'R-AUD-09', objectKind: 'infrastructure', objectId: 'pusat-data', auditType: 'infrastruktur', mode: 'internal', plannedQuarter: 2 }];
    await http().post(`${base}/programme/${dueYear}/approval`).set('authorization', await as('dinas')).send({ approvedOn: '2026-11-20', items }).expect(403);
    await http().post(`${base}/programme/${dueYear}/approval`).set('authorization', insp).send({ approvedOn: '2026-11-20', items: [{ ...items[0], objectId: 'server-x' }] }).expect(400);
    const approved = await http().post(`${base}/programme/${dueYear}/approval`).set('authorization', insp).send({ approvedOn: '2026-11-20', items }).expect(201);
    expect(approved.body.version).toBe(0);
    await http().post(`${base}/programme/${dueYear}/approval`).set('authorization', insp).send({ approvedOn: '2026-11-21', items: [...items, { ...items[0], ruleId: 'R-AUD-11.infrastructure', auditType: 'keamanan' }] }).expect(201);
    const programme = await http().get(`${base}/programme/${dueYear}`).set('authorization', insp).expect(200);
    expect(programme.body.versions.map((v: { items: unknown[] }) => v.items.length)).toEqual([1, 2]);
  });

  it('plans (Inspektorat only), schedules, reports an audit; the report fulfils the due audit', async () => {
    const insp = await as('inspektorat');
    const body = { auditId: 'audit-keamanan-2026', auditType: 'keamanan', mode: 'internal', objectKind: 'infrastructure', objectId: 'pusat-data', year: 2026 };
    const wrongRole = await http().post(`${base}/audits`).set('authorization', await as('dinas')).send(body).expect(403);
    expect(wrongRole.body.message).toContain('Pasal 48(1)');
    await http().post(`${base}/audits`).set('authorization', insp).send({ ...body, objectId: 'server-x' }).expect(400);
    await http().post(`${base}/audits`).set('authorization', insp).send(body).expect(201);
    await http().post(`${base}/audits/audit-keamanan-2026/schedule`).set('authorization', insp).send({ startDate: '2026-11-02', endDate: '2026-10-01' }).expect(400);
    await http().post(`${base}/audits/audit-keamanan-2026/schedule`).set('authorization', insp).send({ startDate: '2026-11-02', endDate: '2026-11-06' }).expect(201);
    const outsider = await http().post(`${base}/audits/audit-keamanan-2026/start`).set('authorization', await as('opd', 'dinas-kesehatan')).send({ startedOn: '2026-11-02' }).expect(403);
    expect(outsider.body.message).toContain('Pasal 48(1)');
    await http().post(`${base}/audits/audit-keamanan-2026/start`).set('authorization', insp).send({ startedOn: '2026-11-02' }).expect(201);
    await http().post(`${base}/audits/audit-keamanan-2026/report`).set('authorization', await as('viewer')).send({ reportedOn: '2026-11-10', conclusion: 'memadai', summary: 'Tidak berhak' }).expect(403);
    await http().post(`${base}/audits/audit-keamanan-2026/report`).set('authorization', insp).send({ reportedOn: '2026-11-10', conclusion: 'perlu-peningkatan', summary: 'Kendali akses perlu diperbaiki' }).expect(201);
    const due = await http().get(`${base}/due?asOf=${today}`).set('authorization', insp).expect(200);
    const sec = due.body.items.flatMap((i: { obligations: unknown[] }) => i.obligations).find((o: { ruleId: string }) => o.ruleId === 'R-AUD-11.infrastructure');
    // The object entered the ledger today; an audit reported before that does not bring its first due date forward.
    expect(sec).toMatchObject({ status: 'fulfilled', dueDate: dueIn2Years, evidence: [expect.any(String)] });
  });

  it('refuses an external audit with a lapsed LATIK (422) and accepts a registered one', async () => {
    const insp = await as('inspektorat');
    await http().post(`${base}/latiks`).set('authorization', insp).send({ latikId: 'latik-a', name: 'LATIK Nusantara', registrationNo: 'REG-1', registeredUntil: '2026-12-31', accreditationNo: 'AKR-1', accreditedUntil: '2027-12-31' }).expect(201);
    await http().post(`${base}/audits`).set('authorization', insp).send({ auditId: 'audit-eksternal-2027', auditType: 'keamanan', mode: 'eksternal', objectKind: 'infrastructure', objectId: 'pusat-data', year: 2027 }).expect(201);
    const lapsed = await http().post(`${base}/audits/audit-eksternal-2027/schedule`).set('authorization', insp).send({ startDate: '2027-02-01', endDate: '2027-02-10', latikId: 'latik-a' }).expect(422);
    expect(lapsed.body.message).toContain('2026-12-31');
    await http().post(`${base}/latiks/latik-a/renewal`).set('authorization', insp).send({ registrationNo: 'REG-2', registeredUntil: '2028-12-31', accreditationNo: 'AKR-1', accreditedUntil: '2027-12-31' }).expect(201);
    await http().post(`${base}/audits/audit-eksternal-2027/schedule`).set('authorization', insp).send({ startDate: '2027-02-01', endDate: '2027-02-10', latikId: 'latik-a' }).expect(201);
  });

  it('records a finding, follow-ups and verification; marks the overdue follow-up exactly once under concurrent runs', async () => {
    const insp = await as('inspektorat');
    const finding = { findingId: 'temuan-1', auditId: 'audit-keamanan-2026', criteria: 'SNI ISO/IEC 27001 A.9', condition: 'Akun bersama dipakai', cause: 'Belum ada SOP', effect: 'Jejak akses hilang', recommendation: 'Terapkan akun individual', severity: 'tinggi', responsibleUnitId: 'dinas-kesehatan', dueDate: '2026-11-15' };
    await http().post(`${base}/findings`).set('authorization', insp).send({ ...finding, findingId: 'x', responsibleUnitId: 'dinas-x' }).expect(400);
    await http().post(`${base}/findings`).set('authorization', insp).send({ ...finding, findingId: 'x', auditId: 'audit-eksternal-2027' }).expect(400);
    await http().post(`${base}/findings`).set('authorization', insp).send(finding).expect(201);

    const runs = await Promise.all([1, 2, 3].map(async () => http().post(`${base}/overdue/run?asOf=${today}`).set('authorization', insp)));
    expect(runs.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(runs.reduce((n, r) => n + r.body.findingsMarked, 0)).toBe(1);
    const again = await http().post(`${base}/overdue/run?asOf=${today}`).set('authorization', insp).expect(201);
    expect(again.body.findingsMarked).toBe(0);
    const history = await http().get(`${base}/findings/temuan-1/history`).set('authorization', insp).expect(200);
    expect(history.body.items.filter((e: { type: string }) => e.type === 'FindingFollowUpOverdue')).toHaveLength(1);
    expect(history.body.items[1].actor.role).toBe('system');

    const evidence = [{ uri: 'https://dokumen.kupangkota.go.id/sop-akun.pdf', sha256: 'b'.repeat(64) }];
    const followUp = { followUpId: 'tl-1', submittedOn: '2026-11-20', description: 'SOP akun individual diterbitkan', evidence };
    await http().post(`${base}/findings/temuan-1/follow-ups`).set('authorization', await as('opd', 'bappeda')).send(followUp).expect(403);
    await http().post(`${base}/findings/temuan-1/follow-ups`).set('authorization', await as('opd', 'dinas-kesehatan')).send(followUp).expect(201);
    await http().post(`${base}/findings/temuan-1/follow-ups/tl-1/verification`).set('authorization', await as('dinas')).send({ outcome: 'accepted', verifiedOn: '2026-11-21' }).expect(403);
    await http().post(`${base}/findings/temuan-1/follow-ups/tl-1/verification`).set('authorization', insp).send({ outcome: 'accepted', verifiedOn: '2026-11-21' }).expect(201);
    await http().post(`${base}/findings/temuan-1/close`).set('authorization', insp).send({ closedOn: '2026-11-22' }).expect(201);
    await http().post(`${base}/findings/temuan-1/follow-ups`).set('authorization', await as('opd', 'dinas-kesehatan')).send({ ...followUp, followUpId: 'tl-2' }).expect(409);
  });

  it('reporting summarises the programme, conclusions, open findings and overdue follow-ups per OPD', async () => {
    const insp = await as('inspektorat');
    let body: Record<string, unknown> = {};
    await waitFor(async () => {
      body = (await http().get('/api/reporting/tenants/kota-kupang/audits/summary?asOf=2026-11-22').set('authorization', insp)).body;
      return (body['conclusions'] as Record<string, number> | undefined)?.['perlu-peningkatan'] === 1 && (body['programme'] as unknown[]).length === 2;
    });
    expect(body['programme']).toEqual([
      { year: 2026, planned: 0, scheduled: 0, started: 0, reported: 1, closed: 0 },
      { year: 2027, planned: 0, scheduled: 1, started: 0, reported: 0, closed: 0 },
    ]);
    expect((await http().get('/api/reporting/tenants/kota-kupang/audits/summary?asOf=2026-02-30').set('authorization', insp)).status).toBe(400);
  });

  it('marks a due audit that passed unmet exactly once, across concurrent runs', async () => {
    const audit = ledger.app.get(AuditService, { strict: false });
    const runs = await Promise.all([audit.runOverdue('kota-kupang', afterDue), audit.runOverdue('kota-kupang', afterDue)]);
    // Two obligations of the data centre passed unmet by then (R-AUD-09 and R-AUD-11.infrastructure, both due two years after it entered the ledger).
    expect(runs.reduce((n, r) => n + r.auditsMarked, 0)).toBe(2);
    expect((await audit.runOverdue('kota-kupang', addDays(afterDue, 1))).auditsMarked).toBe(0);
    const store = ledger.app.get<EventStore>(EVENT_STORE, { strict: false });
    for (const rule of ['R-AUD-09', 'R-AUD-11.infrastructure']) {
      const events = await store.readStream(`kota-kupang:audit.obligation:${rule}~pusat-data`);
      expect(events.map((e) => [e.type, e.actor.role, (e.payload as { dueDate: string }).dueDate, e.legalBasis?.article])).toEqual([['AuditBecameOverdue', 'system', dueIn2Years, rule === 'R-AUD-09' ? 'Pasal 48(1)' : 'Pasal 50(2)']]);
    }
  });

  it('marks nothing twice after a restart, and the scheduled run (first run after start, then periodic) records what is due', async () => {
    const asOf = addDays(afterDue, 2);
    await ledger.restart();
    const audit = ledger.app.get(AuditService, { strict: false });
    await waitFor(async () => (await http().get(`${base}/objects`).set('authorization', await as('inspektorat'))).body.items?.length === 1);
    // Already marked before the restart (test above): nothing new.
    expect((await audit.runOverdue('kota-kupang', asOf)).auditsMarked).toBe(0);
    const store = ledger.app.get<EventStore>(EVENT_STORE, { strict: false });
    expect(await store.readStream('kota-kupang:audit.obligation:R-AUD-09~pusat-data')).toHaveLength(1);
    // The schedule runs for every tenant; today nothing of this tenant is overdue that was not marked.
    audit.startSchedule(3_600_000, 10);
    await waitFor(async () => audit.lastScheduledRun !== undefined);
    const runs = await audit.lastScheduledRun!;
    audit.stopSchedule();
    expect(runs.map((r) => r.tenantId)).toEqual(['kota-kupang']);
    expect(runs[0]).toMatchObject({ asOf: today, auditsMarked: 0 });
  });

  it('lists the Tim Auditor TIK internal appointed by decree in the registry, and schedules internal audits only with its members (Pasal 47(6))', async () => {
    const insp = await as('inspektorat');
    const decree = { number: '188.45/7/HK/2026', date: '2026-01-05', signer: 'Wali Kota Kupang' };
    await http().post('/api/registry/tenants/kota-kupang/appointments').set('authorization', await as('koordinator')).send({ appointmentId: 'auditor-maria', position: 'tim-auditor-internal', person: { name: 'Maria Auditor', nip: '198001012005012001' }, decree, from: '2026-01-05' }).expect(201);
    let auditors: { internalAuditor: { holder: string }; internalTeam: { appointmentId: string; decree: unknown; legalBasis: unknown; until: unknown }[] } | undefined;
    await waitFor(async () => {
      auditors = (await http().get(`${base}/auditors`).set('authorization', insp)).body;
      return auditors?.internalTeam?.length === 1;
    });
    expect(auditors!.internalAuditor.holder).toBe('tim-auditor-internal');
    expect(auditors!.internalTeam[0]).toMatchObject({ appointmentId: 'auditor-maria', name: 'Maria Auditor', decree, until: null, legalBasis: { regulation: 'kupang-perwali-11-2025', article: 'Pasal 47(6)' } });
    await http().post(`${base}/audits`).set('authorization', insp).send({ auditId: 'audit-infra-2027', auditType: 'infrastruktur', mode: 'internal', objectKind: 'infrastructure', objectId: 'pusat-data', year: 2027 }).expect(201);
    const outsider = await http().post(`${base}/audits/audit-infra-2027/schedule`).set('authorization', insp).send({ startDate: '2027-03-01', endDate: '2027-03-05', auditors: ['Orang Luar'] }).expect(422);
    expect(outsider.body.message).toMatch(/^auditors\[0\]: Orang Luar .*Pasal 47\(6\)/);
    await http().post(`${base}/audits/audit-infra-2027/schedule`).set('authorization', insp).send({ startDate: '2027-03-01', endDate: '2027-03-05', auditors: ['Maria Auditor'] }).expect(201);
  });
});
