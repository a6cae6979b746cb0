import { waitFor } from '@spbe/ledger-core/testing';
import { ledgerUnderTest } from './testing/ledger';

/** Reporting's configured limits over HTTP: the page size and the XLSX export size (CSV streams without one). */
describe('reporting limits (REPORTING_MAX_PAGE, REPORTING_XLSX_MAX_ROWS)', () => {
  const ledger = ledgerUnderTest('limits', { env: { REPORTING_MAX_PAGE: '20', REPORTING_XLSX_MAX_ROWS: '10' } });
  const { http } = ledger;
  let insp: string;
  const rep = '/api/reporting/tenants/kota-kupang';

  beforeAll(async () => {
    const k = await ledger.as('koordinator');
    insp = await ledger.as('inspektorat');
    await http().post('/api/registry/tenants').set('authorization', k).send({ tenantId: 'kota-kupang', name: 'Pemerintah Kota Kupang', kind: 'kota', profileId: 'kupang-perwali-11-2025' }).expect(201);
    for (let i = 0; i < 24; i++) await http().post('/api/registry/tenants/kota-kupang/units').set('authorization', k).send({ unitId: `opd-${i}`, name: `Perangkat Daerah ${i}`, kind: 'opd' }).expect(201);
    await waitFor(async () => (await http().get(`${rep}/audit-trail?limit=20&type=UnitRegistered&entity=kota-kupang:registry.unit:opd-23`).set('authorization', insp)).body.items?.length === 1);
  });

  it('pages up to the configured size and refuses a larger page naming the limit', async () => {
    const first = await http().get(`${rep}/audit-trail?limit=20`).set('authorization', insp).expect(200);
    expect(first.body.items).toHaveLength(20);
    const rest = await http().get(`${rep}/audit-trail?limit=20&cursor=${first.body.nextCursor}`).set('authorization', insp).expect(200);
    expect(rest.body.items).toHaveLength(5);
    expect(rest.body.nextCursor).toBeNull();
    expect((await http().get(`${rep}/audit-trail?limit=21`).set('authorization', insp).expect(400)).body.message).toBe('limit: must be at most 20');
  });

  it('refuses an XLSX export above its row limit (413, pointing to CSV), exports a narrower one, and streams every row as CSV', async () => {
    const tooMany = await http().get(`${rep}/audit-trail/export?format=xlsx`).set('authorization', insp).expect(413);
    expect(tooMany.body.message).toBe('rows: 25 rows exceed the XLSX limit of 10; narrow the filters or use format=csv, which is streamed / gunakan format=csv');
    await http().get(`${rep}/audit-trail/export?format=xlsx&type=TenantRegistered`).set('authorization', insp).expect(200);
    const csv = await http().get(`${rep}/audit-trail/export?format=csv`).set('authorization', insp).expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(5 + 25 + 1); // attestation (3) + export record + header, rows, end line
    expect(csv.text.trimEnd().split('\r\n').at(-1)).toBe('# Akhir berkas: 25 baris data.');
  });
});
