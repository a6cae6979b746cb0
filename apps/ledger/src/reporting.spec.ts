import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { issueToken } from '@spbe/ledger-core';
import { ledgerUnderTest } from './testing/ledger';
import { seedKupang } from './testing/scenario';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The text drawn on a PDF's pages (pdfkit writes standard-font text as hex strings in TJ operators). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
  }
  return streams.join('\n').match(/<[0-9a-f]+>/g)?.map((h) => Buffer.from(h.slice(1, -1), 'hex').toString('latin1')).join('') ?? '';
}

/** reporting in the all-in-one app: history with diffs, state as of, evaluation views, exports with their checkpoint. */
describe('reporting views and exports (all-in-one app)', () => {
  const ledger = ledgerUnderTest('reporting');
  const { http, as } = ledger;
  const rep = '/api/reporting/tenants/kota-kupang';
  const evalBase = '/api/evaluation/tenants/kota-kupang/cycles';

  beforeAll(async () => {
    await seedKupang(http, as);
  }, 120_000);

  describe('history and state as of', () => {
    it("lists an entity's events with what each changed, folded with the write side's evolve", async () => {
      const res = await http().get(`${rep}/entities/registry.application/srikandi/history`).set('authorization', await as('inspektorat')).expect(200);
      expect(res.body.streamId).toBe('kota-kupang:registry.application:srikandi');
      expect(res.body.items.map((i: { type: string }) => i.type)).toEqual(['ApplicationRegistered', 'ApplicationTested', 'ApplicationDeployedToProduction']);
      const [registered, tested, live] = res.body.items;
      expect(registered.changes).toEqual(expect.arrayContaining([{ path: 'exists', before: false, after: true }, { path: 'name', before: null, after: 'SRIKANDI' }]));
      expect(registered.actor).toMatchObject({ role: 'dinas' });
      expect(registered.summary.id).toContain('SRIKANDI');
      expect(tested.changes.length).toBeGreaterThan(0);
      expect(live.changes).toEqual(expect.arrayContaining([{ path: 'live', before: false, after: true }, expect.objectContaining({ path: 'facts.1', before: null, after: expect.objectContaining({ date: '2026-10-06' }) })]));
      // Every change of a later event is relative to the state the earlier ones left.
      expect(tested.changes.some((c: { path: string }) => c.path === 'name')).toBe(false);
    });

    it('returns the state right after an event, at a date, and nothing before the entity existed', async () => {
      const insp = await as('inspektorat');
      const history = (await http().get(`${rep}/entities/registry.application/srikandi/history`).set('authorization', insp)).body.items;
      const afterFirst = await http().get(`${rep}/entities/registry.application/srikandi/state?eventId=${history[0].eventId}`).set('authorization', insp).expect(200);
      expect(afterFirst.body).toMatchObject({ version: 0, eventId: history[0].eventId, state: { exists: true, name: 'SRIKANDI' } });
      const now = await http().get(`${rep}/entities/registry.application/srikandi/state`).set('authorization', insp).expect(200);
      expect(now.body.version).toBe(2);
      expect(now.body.state).not.toEqual(afterFirst.body.state);
      const before = await http().get(`${rep}/entities/registry.application/srikandi/state?asOf=2020-01-01`).set('authorization', insp).expect(200);
      expect(before.body).toMatchObject({ version: null, state: null, asOf: '2020-01-01T23:59:59.999Z' });
      const cycle = await http().get(`${rep}/entities/evaluation.cycle/pemdi-2026-2026/state`).set('authorization', insp).expect(200);
      expect(cycle.body.state).toMatchObject({ finalized: true, year: 2026 });
    });

    it('refuses an unknown entity type (400), an unknown entity (404), a bad date, both asOf and eventId, a foreign event (400)', async () => {
      const insp = await as('inspektorat');
      expect((await http().get(`${rep}/entities/registry.nothing/x/history`).set('authorization', insp).expect(400)).body.message).toMatch(/^entityType: /);
      await http().get(`${rep}/entities/registry.application/tidak-ada/history`).set('authorization', insp).expect(404);
      expect((await http().get(`${rep}/entities/registry.application/srikandi/state?asOf=2026-02-30`).set('authorization', insp).expect(400)).body.message).toMatch(/^asOf: /);
      await http().get(`${rep}/entities/registry.application/srikandi/state?asOf=2026-01-01&eventId=x`).set('authorization', insp).expect(400);
      expect((await http().get(`${rep}/entities/registry.application/srikandi/state?eventId=0190a0a0-0000-7000-8000-000000000000`).set('authorization', insp).expect(400)).body.message).toMatch(/^eventId: /);
      await http().get('/api/reporting/tenants/kota-lain/entities/registry.application/srikandi/history').set('authorization', insp).expect(403);
    });
  });

  describe('compliance per year', () => {
    it('summarises each year since registration with the same statuses as the compliance view on asOf', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const res = await http().get(`${rep}/compliance/summary`).set('authorization', await as('koordinator')).expect(200);
      const view = await http().get(`${rep}/compliance?asOf=${today}`).set('authorization', await as('koordinator')).expect(200);
      expect(res.body.years).toEqual([{ year: Number(today.slice(0, 4)), asOf: today, summary: view.body.summary, missedPeriods: 0 }]);
      expect((await http().get(`${rep}/compliance/summary?asOf=2026-13-01`).set('authorization', await as('koordinator')).expect(400)).body.message).toMatch(/^asOf: /);
    });
  });

  describe('evaluation views', () => {
    it('shows each cycle with index, predicate, domain/aspect indices, and the trend of finalised years', async () => {
      const res = await http().get(`${rep}/evaluation`).set('authorization', await as('viewer')).expect(200);
      // pemdi-2026: 19 indicators at 3 and indicator 20 at 4 → 3 + weight(20)/100.
      const [cycle] = res.body.cycles;
      expect(cycle).toMatchObject({ cycleId: 'pemdi-2026-2026', year: 2026, frameworkId: 'pemdi-2026', finalized: true, missing: [] });
      const direct = await http().get(`${evalBase}/pemdi-2026-2026/result`).set('authorization', await as('viewer')).expect(200);
      expect(cycle.result).toMatchObject({ index: direct.body.index, indexExact: direct.body.indexExact, predicate: direct.body.predicate });
      expect(cycle.result.aspects).toHaveLength(7);
      expect(res.body.trend).toEqual([{ year: 2026, cycleId: 'pemdi-2026-2026', frameworkId: 'pemdi-2026', index: direct.body.index, indexExact: direct.body.indexExact, predicate: direct.body.predicate }]);
    });

    it("shows every indicator's level at each stage", async () => {
      const res = await http().get(`${rep}/evaluation/cycles/pemdi-2026-2026`).set('authorization', await as('viewer')).expect(200);
      expect(res.body.indicators).toHaveLength(20);
      expect(res.body.indicators[19]).toMatchObject({ no: 20, levels: { mandiri: 3, akhir: 4 }, stage: 'akhir' });
      await http().get(`${rep}/evaluation/cycles/spbe-2020-1999`).set('authorization', await as('viewer')).expect(404);
    });
  });

  describe('exports carry the checkpoint they were verified against', () => {
    it('audit trail as CSV: every field, filters applied, checkpoint lines and headers', async () => {
      const res = await http().get(`${rep}/audit-trail/export?format=csv&entityType=registry.application`).set('authorization', await as('inspektorat')).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('jejak-audit-kota-kupang.csv');
      const seq = res.headers['x-ledger-checkpoint-sequence'];
      const root = res.headers['x-ledger-checkpoint-root'];
      expect(root).toMatch(/^[0-9a-f]{64}$/);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^# Diverifikasi .*: \d+ peristiwa dalam \d+ aliran, rantai hash utuh\.$/);
      expect(lines[1]).toContain(`Checkpoint #${seq}`);
      expect(lines[1]).toContain(root);
      // The export records its filter and checkpoint for offline re-derivation (npm run verify -- --export … --bundle …).
      expect(JSON.parse(lines[3].replace(/^# spbe-export: /, ''))).toMatchObject({ view: 'audit-trail', filter: { entityType: 'registry.application' }, checkpoint: { sequence: Number(seq), root } });
      expect(lines[4].split(',')).toEqual(expect.arrayContaining(['ID peristiwa', 'Dasar hukum', 'Muatan (JSON)', 'Hash']));
      expect(lines.slice(5, -1)).toHaveLength(3);
      expect(lines.at(-1)).toBe('# Akhir berkas: 3 baris data.');
      expect(lines[5]).toContain('ApplicationRegistered');
      expect(lines[5]).toContain('""name"":""SRIKANDI""');
      const en = await http().get(`${rep}/audit-trail/export?lang=en&type=ApplicationRegistered`).set('authorization', await as('inspektorat')).expect(200);
      expect(en.text).toContain('# Verified');
      expect(en.text).toContain('Event id');
    });

    it('audit trail, compliance, audits and evaluation as XLSX with an Integritas sheet', async () => {
      const insp = await as('inspektorat');
      const load = async (url: string) => {
        const res = await http().get(url).set('authorization', insp).buffer(true).parse(binary).expect(200);
        expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
        return { wb, root: res.headers['x-ledger-checkpoint-root'] };
      };
      const trail = await load(`${rep}/audit-trail/export?format=xlsx`);
      const sheet = trail.wb.getWorksheet('Jejak audit')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('ID peristiwa');
      expect(sheet.rowCount).toBeGreaterThan(40);
      const integrity = trail.wb.getWorksheet('Integritas')!;
      const facts = Object.fromEntries(integrity.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
      expect(facts['checkpoint.root']).toBe(trail.root);
      expect(facts['tenantId']).toBe('kota-kupang');

      const compliance = await load(`${rep}/compliance/export?format=xlsx&asOf=2026-11-22`);
      expect(compliance.wb.worksheets.map((w) => w.name)).toEqual(['Kepatuhan', 'Ringkasan per tahun', 'Integritas']);
      const rows = compliance.wb.getWorksheet('Kepatuhan')!.getSheetValues().slice(2) as unknown[][];
      expect(rows.length).toBeGreaterThan(0);
      const citations = rows.map((r) => r[11]).filter((c) => c !== undefined && c !== null);
      expect(citations.length).toBeGreaterThan(0);
      for (const c of citations) expect(String(c)).toMatch(/^\S+ Pasal /);

      const audits = await load(`${rep}/audits/export?format=xlsx&asOf=2026-11-22`);
      expect(audits.wb.worksheets.map((w) => w.name)).toEqual(['Audit', 'Temuan', 'Ringkasan', 'Integritas']);
      expect(audits.wb.getWorksheet('Temuan')!.getRow(2).getCell(1).value).toBe('temuan-1');

      const evaluation = await load(`${rep}/evaluation/export?format=xlsx&lang=en`);
      expect(evaluation.wb.worksheets.map((w) => w.name)).toEqual(['Evaluation cycles', 'pemdi-2026-2026', 'Integrity']);
      expect(evaluation.wb.getWorksheet('pemdi-2026-2026')!.rowCount).toBe(21);
    });

    it('compliance, audits and a cycle as CSV', async () => {
      const insp = await as('inspektorat');
      const compliance = await http().get(`${rep}/compliance/export?asOf=2026-11-22`).set('authorization', insp).expect(200);
      expect(compliance.text).toContain('kupang-perwali-11-2025 Pasal');
      const findings = await http().get(`${rep}/audits/export?table=findings&asOf=2026-11-22`).set('authorization', insp).expect(200);
      expect(findings.text).toContain('temuan-1,audit-keamanan-2026,tinggi,dinas-kominfo');
      const cycle = await http().get(`${rep}/evaluation/export?cycleId=pemdi-2026-2026`).set('authorization', insp).expect(200);
      expect(cycle.text.trimEnd().split('\r\n')).toHaveLength(4 + 20 + 1);
    });

    it('a PDF report per evaluation cycle and per audit, ending with the checkpoint', async () => {
      const insp = await as('inspektorat');
      const cycle = await http().get(`${rep}/evaluation/cycles/pemdi-2026-2026/report.pdf`).set('authorization', insp).buffer(true).parse(binary).expect(200);
      expect(cycle.headers['content-type']).toBe('application/pdf');
      const pdf = cycle.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
      const text = pdfText(pdf);
      expect(text).toContain('Evaluasi pemdi-2026 2026');
      expect(text).toContain('Tingkat indikator per tahap');
      expect(text).toContain(cycle.headers['x-ledger-checkpoint-root'].slice(0, 16));
      const audit = await http().get(`${rep}/audits/audit-keamanan-2026/report.pdf?lang=en`).set('authorization', insp).buffer(true).parse(binary).expect(200);
      const auditText = pdfText(audit.body as Buffer);
      expect(auditText).toContain('Audit TIK report');
      expect(auditText).toContain('Terapkan akun individual');
      expect(auditText).toContain('AuditReported');
      await http().get(`${rep}/audits/tidak-ada/report.pdf`).set('authorization', insp).expect(404);
    });

    it('refuses a bad format, language, table or a cursor (400) and other tenants (403)', async () => {
      const insp = await as('inspektorat');
      expect((await http().get(`${rep}/audit-trail/export?format=pdf`).set('authorization', insp).expect(400)).body.message).toMatch(/^format: /);
      expect((await http().get(`${rep}/audit-trail/export?lang=fr`).set('authorization', insp).expect(400)).body.message).toMatch(/^lang: /);
      expect((await http().get(`${rep}/audit-trail/export?cursor=abc`).set('authorization', insp).expect(400)).body.message).toMatch(/^cursor: /);
      expect((await http().get(`${rep}/audit-trail/export?from=2026-02-01&to=2026-01-01`).set('authorization', insp).expect(400)).body.message).toMatch(/^to: /);
      expect((await http().get(`${rep}/audits/export?table=x`).set('authorization', insp).expect(400)).body.message).toMatch(/^table: /);
      await http().get('/api/reporting/tenants/kota-lain/audit-trail/export').set('authorization', insp).expect(403);
    });

    it('answers 404 for a Pemda the ledger does not know, on every view and export', async () => {
      const stranger = `Bearer ${await issueToken({ sub: 'x', name: 'Pejabat Lain', tenant: 'kota-antah', roles: ['inspektorat'] }, ledger.config.auth)}`;
      for (const path of ['audit-trail', 'compliance', 'audits/summary', 'evaluation', 'integrity/verify', 'audit-trail/export', 'entities/registry.unit/x/history']) {
        const res = await http().get(`/api/reporting/tenants/kota-antah/${path}`).set('authorization', stranger);
        expect([path, res.status, res.body.message]).toEqual([path, 404, 'tenant kota-antah is not known']);
      }
    });
  });
});
