import { PassThrough } from 'node:stream';
import { LedgerError } from '@spbe/ledger-core';
import { refusal } from '@spbe/ledger-core/testing';
import { assertXlsxRows, csvField, parseFormat, parseLang, writeCsv, XLSX_MAX_ROWS } from './exports';
import { testAttestation } from './exports.fixture';

const attestation = testAttestation;

describe('exports', () => {
  it('quotes CSV fields per RFC 4180 and never lets a spreadsheet run a formula', () => {
    expect(csvField('Dinas Kominfo')).toBe('Dinas Kominfo');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('kata "kunci"')).toBe('"kata ""kunci"""');
    expect(csvField('baris\nbaru')).toBe('"baris\nbaru"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+62')).toBe("'+62");
    expect(csvField(null)).toBe('');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvField(7)).toBe('7');
  });

  it('writes the checkpoint lines, the header row and every row', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const n = await writeCsv(out, { name: { id: 'T', en: 'T' }, columns: [{ key: 'a', header: { id: 'Kolom A', en: 'Column A' } }], rows: [{ a: 1 }, { a: 'x,y' }] }, attestation, 'en');
    expect(n).toBe(2);
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('# Verified 2026-11-29T01:00:00.000Z: 5 events in 2 streams, hash chains intact.');
    expect(lines[1]).toContain(`Checkpoint #3 (positions up to 42, sealed 2026-11-29T00:59:00.000Z), Merkle root ${'a'.repeat(64)}, key k1.`);
    expect(lines.slice(3)).toEqual(['Column A', '1', '"x,y"', '# End of file: 2 data rows.', '']);
  });

  it('refuses an unknown format or language, and an XLSX above its row limit (413)', () => {
    expect(parseFormat(undefined)).toBe('csv');
    expect(parseFormat('xlsx')).toBe('xlsx');
    expect(refusal(() => parseFormat('pdf'))).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^format: /) });
    expect(parseLang('en')).toBe('en');
    expect(refusal(() => parseLang('fr'))).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^lang: /) });
    expect(() => assertXlsxRows(XLSX_MAX_ROWS)).not.toThrow();
    const tooMany = refusal(() => assertXlsxRows(XLSX_MAX_ROWS + 1)) as LedgerError;
    expect(tooMany).toMatchObject({ kind: 'too-large', code: 'EXPORT_TOO_LARGE' });
    expect(tooMany.message).toContain('format=csv');
  });
});
