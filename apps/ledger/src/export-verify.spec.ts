import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@spbe/ledger-core';
import { ExportBundle } from '@spbe/ledger-core';
import { csvRecords, pdfAttachment, verifyCsvExport, verifyPdfExport, verifyXlsxExport } from '@spbe/reporting-feature';
import { ledgerUnderTest } from './testing/ledger';
import { seedKupang } from './testing/scenario';

/**
 * Issue 12 item 5: the files people read are verifiable offline. A CSV or XLSX audit-trail export,
 * checked against the tenant's bundle, is re-derived row by row from the ledger's events with the
 * export's own filter; a PDF report carries its bundle inside.
 */
describe('verifying exported files offline (CSV, XLSX, PDF)', () => {
  const root = join(__dirname, '..', '..', '..');
  const ledger = ledgerUnderTest('export-verify');
  const { http } = ledger;
  const as = (role: Role) => ledger.as(role);
  const base = '/api/reporting/tenants/kota-kupang';
  let bundle: ExportBundle;
  let csv: string;
  const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c) => chunks.push(c!));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const file = (name: string, content: string | Buffer) => {
    const f = join(ledger.dataDir, name);
    writeFileSync(f, content);
    return f;
  };
  const cli = (...args: string[]) => spawnSync('node', [join(root, 'dist', 'libs', 'reporting', 'feature', 'src', 'verify-cli.js'), ...args], { encoding: 'utf8' });

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs', '--quiet'], { cwd: root });
    await seedKupang(http, as);
    const insp = await as('inspektorat');
    csv = (await http().get(`${base}/audit-trail/export?format=csv&entityType=audit.audit`).set('authorization', insp).expect(200)).text;
    bundle = (await http().get(`${base}/integrity/export`).set('authorization', insp).expect(200)).body;
  }, 180_000);

  it('a filtered CSV is re-derived row by row from the bundle (function and CLI)', async () => {
    expect(csv).toContain('# spbe-export: {');
    expect(await verifyCsvExport(csv, bundle)).toMatchObject({ ok: true, file: 'csv', rows: 4 });
    const out = cli('--export', file('trail.csv', csv), '--bundle', file('bundle.json', JSON.stringify(bundle)));
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^OK: csv: 4 rows, each re-derived from the ledger; kota-kupang: .* complete/);
    expect(cli('--export', file('trail2.csv', csv)).status).toBe(2); // a CSV needs the bundle
  });

  it('names an edited cell, a removed row and an added row', async () => {
    const records = csvRecords(csv);
    const firstData = records.findIndex((r, i) => i > 0 && !r.startsWith('#') && !records[i - 1].startsWith('#'));
    const edited = [...records];
    edited[firstData] = edited[firstData].replace('Pejabat inspektorat', 'Pejabat lain');
    expect(await verifyCsvExport(edited.join('\r\n'), bundle)).toMatchObject({ ok: false, where: 'row 1', reason: expect.stringContaining('differs') });
    const removed = records.filter((_r, i) => i !== firstData);
    expect(await verifyCsvExport(removed.join('\r\n'), bundle)).toMatchObject({ ok: false, reason: expect.stringMatching(/differs|missing row/) });
    const added = [...records.slice(0, firstData + 1), records[firstData], ...records.slice(firstData + 1)];
    expect(await verifyCsvExport(added.join('\r\n'), bundle)).toMatchObject({ ok: false });
    const out = cli('--export', file('edited.csv', edited.join('\r\n')), '--bundle', file('bundle.json', JSON.stringify(bundle)));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/FAILED at row 1: event .* differs/);
  });

  it('an XLSX export verifies the same way, and an edited cell is named by its column', async () => {
    const res = await http().get(`${base}/audit-trail/export?format=xlsx&type=IndicatorAssessed`).set('authorization', await as('inspektorat')).buffer(true).parse(binary).expect(200);
    const xlsx = res.body as Buffer;
    expect(await verifyXlsxExport(xlsx, bundle)).toMatchObject({ ok: true, file: 'xlsx', rows: 80 });
    expect(cli('--export', file('trail.xlsx', xlsx), '--bundle', file('bundle.json', JSON.stringify(bundle))).status).toBe(0);
  });

  it('a PDF report embeds its bundle, which the verifier extracts and checks', async () => {
    const res = await http().get(`${base}/audits/audit-keamanan-2026/report.pdf`).set('authorization', await as('inspektorat')).buffer(true).parse(binary).expect(200);
    const pdf = res.body as Buffer;
    const embedded = JSON.parse(pdfAttachment(pdf)!.toString('utf8')) as ExportBundle;
    expect(embedded.tenantId).toBe('kota-kupang');
    expect(verifyPdfExport(pdf)).toMatchObject({ ok: true, file: 'pdf' });
    const out = cli('--export', file('audit.pdf', pdf));
    expect(out.stdout).toMatch(/^OK: pdf \(embedded bundle\); kota-kupang/);
    expect(verifyPdfExport(Buffer.from('%PDF-1.3\n%%EOF'))).toMatchObject({ ok: false, where: 'pdf' });
  });
});
