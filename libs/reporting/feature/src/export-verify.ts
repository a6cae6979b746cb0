import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ExportBundle, ExportVerification, verifyExportBundle, VerifyOptions } from '@spbe/ledger-core';
import { MemoryReadModelStore } from '@spbe/read-models';
import type { KeyObject } from 'node:crypto';
import { AuditTrailRow, toAuditTrailRow } from './audit-trail.projection';
import { sealedAuditTrailFilter } from './audit-trail.query';
import { auditTrailTable } from './export-tables';
import { cellText, csvRecord, ExportMeta, META_PREFIX, xlsxCell } from './exports';

/**
 * Offline checks of the files people read (issue 12 item 5). A CSV or XLSX audit-trail export records
 * its filter and the checkpoint it was verified against; given the tenant's bundle (verified first:
 * authentic and complete up to its checkpoint), the expected rows are re-derived from the bundle's events
 * with the same filter and the same table, and compared cell by cell: an edited, added or removed row is
 * named. A PDF report embeds the bundle it was made from; the verifier extracts and checks it. Pure but
 * for parsing.
 */
export type FileVerification = ExportVerification | { ok: true; file: 'csv' | 'xlsx' | 'pdf'; rows: number | null; bundle: ExportVerification & { ok: true } };

const fail = (where: string, reason: string) => ({ ok: false as const, where, reason });

/** The bundle's events as the audit trail shows them, filtered as the export was, in its order. */
async function expectedRows(bundle: ExportBundle, meta: ExportMeta): Promise<Record<string, unknown>[]> {
  const store = new MemoryReadModelStore();
  const rows = store.collection<AuditTrailRow>('rows');
  for (const stream of Object.values(bundle.streams)) for (const e of stream) await rows.put(toAuditTrailRow(e));
  const { filter } = sealedAuditTrailFilter(meta.tenantId, meta.filter, meta.checkpoint.toPosition, Number.MAX_SAFE_INTEGER);
  const found = await rows.find(filter, { sort: { sortKey: 1 } });
  async function* each() {
    yield* found;
  }
  const out: Record<string, unknown>[] = [];
  for await (const r of auditTrailTable(each(), meta.lang).rows) out.push(r);
  return out;
}

function checkMeta(meta: ExportMeta | null, bundle: ExportBundle): { where: string; reason: string } | null {
  if (!meta || meta.format !== 'spbe-export/1' || meta.view !== 'audit-trail') return { where: 'export', reason: `no ${META_PREFIX.trim()} record: not an audit-trail export of this version` };
  if (meta.tenantId !== bundle.tenantId) return { where: 'export', reason: `an export of ${meta.tenantId}, a bundle of ${bundle.tenantId}` };
  const c = bundle.checkpoints.find((x) => x.sequence === meta.checkpoint.sequence);
  if (!c || c.root !== meta.checkpoint.root || c.toPosition !== meta.checkpoint.toPosition) return { where: 'export', reason: `checkpoint ${meta.checkpoint.sequence} of the export is not in the bundle as signed (root ${meta.checkpoint.root})` };
  return null;
}

/** Splits CSV text into records, honouring quotes (a quoted field may hold commas and line breaks). */
export function csvRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      out.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export async function verifyCsvExport(csv: string, bundle: ExportBundle, key?: KeyObject, options: VerifyOptions = {}): Promise<FileVerification> {
  const checked = verifyExportBundle(bundle, key, options);
  if (!checked.ok) return checked;
  const records = csvRecords(csv);
  const metaLine = records.find((r) => r.startsWith(`# ${META_PREFIX}`));
  const meta = metaLine ? (JSON.parse(metaLine.slice(2 + META_PREFIX.length)) as ExportMeta) : null;
  const bad = checkMeta(meta, bundle);
  if (bad) return fail(bad.where, bad.reason);
  const body = records.filter((r) => !r.startsWith('#'));
  const data = body.slice(1);
  const end = records[records.length - 1];
  if (!end?.startsWith('# ') || !/\d+/.test(end)) return fail('end', 'the file has no end line: it was cut short / berkas terpotong');
  const expected = await expectedRows(bundle, meta!);
  const table = auditTrailTable((async function* () {})(), meta!.lang);
  for (let i = 0; i < Math.max(expected.length, data.length); i++) {
    if (i >= data.length) return fail(`row ${i + 1}`, `missing row: event ${expected[i]['eventId']} matches the filter but is not in the file / baris hilang`);
    if (i >= expected.length) return fail(`row ${i + 1}`, `extra row (${data[i].split(',')[0]}): no sealed event matches it / baris tambahan`);
    if (data[i] !== csvRecord(table, expected[i])) return fail(`row ${i + 1}`, `event ${expected[i]['eventId']}: the row differs from the ledger's event / baris diubah`);
  }
  const stated = Number(/(\d+)/.exec(end)![1]);
  if (stated !== data.length) return fail('end', `the end line says ${stated} rows, the file has ${data.length}`);
  return { ok: true, file: 'csv', rows: data.length, bundle: checked };
}

export async function verifyXlsxExport(xlsx: Buffer, bundle: ExportBundle, key?: KeyObject, options: VerifyOptions = {}): Promise<FileVerification> {
  const checked = verifyExportBundle(bundle, key, options);
  if (!checked.ok) return checked;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheets = wb.worksheets;
  const integrity = sheets[sheets.length - 1];
  let meta: ExportMeta | null = null;
  integrity?.eachRow((row) => {
    if (row.getCell(1).value === 'export') meta = JSON.parse(String(row.getCell(2).value)) as ExportMeta;
  });
  const bad = checkMeta(meta, bundle);
  if (bad) return fail(bad.where, bad.reason);
  const expected = await expectedRows(bundle, meta!);
  const table = auditTrailTable((async function* () {})(), meta!.lang);
  const sheet = sheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(table.columns.map((_c, i) => cellText(row.getCell(i + 1).value ?? null)));
  });
  for (let i = 0; i < Math.max(expected.length, rows.length); i++) {
    if (i >= rows.length) return fail(`row ${i + 2}`, `missing row: event ${expected[i]['eventId']} matches the filter but is not in the file / baris hilang`);
    if (i >= expected.length) return fail(`row ${i + 2}`, `extra row (${rows[i][0]}): no sealed event matches it / baris tambahan`);
    const want = table.columns.map((c) => cellText(xlsxCell(expected[i][c.key])));
    const col = want.findIndex((w, j) => w !== rows[i][j]);
    if (col >= 0) return fail(`row ${i + 2}`, `event ${expected[i]['eventId']}: column ${table.columns[col].header.en} differs from the ledger's event / sel diubah`);
  }
  return { ok: true, file: 'xlsx', rows: rows.length, bundle: checked };
}

/** The first embedded file of a PDF (pdfkit writes it as an /EmbeddedFile stream, Flate-compressed). */
export function pdfAttachment(pdf: Buffer): Buffer | null {
  const text = pdf.toString('latin1');
  const at = text.search(/\/Type\s*\/EmbeddedFile\b/);
  if (at < 0) return null;
  const dictStart = text.lastIndexOf('<<', at);
  const streamAt = text.indexOf('stream', at);
  if (dictStart < 0 || streamAt < 0) return null;
  const dict = text.slice(dictStart, streamAt);
  const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1]);
  if (!Number.isInteger(length)) return null;
  let start = streamAt + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  const raw = pdf.subarray(start, start + length);
  return /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
}

export function verifyPdfExport(pdf: Buffer, key?: KeyObject, options: VerifyOptions = {}): FileVerification {
  const embedded = pdfAttachment(pdf);
  if (!embedded) return fail('pdf', 'the PDF carries no embedded bundle: it cannot be verified offline');
  let bundle: ExportBundle;
  try {
    bundle = JSON.parse(embedded.toString('utf8')) as ExportBundle;
  } catch {
    return fail('pdf', 'the embedded bundle is not JSON');
  }
  const checked = verifyExportBundle(bundle, key, options);
  if (!checked.ok) return checked;
  return { ok: true, file: 'pdf', rows: null, bundle: checked };
}
