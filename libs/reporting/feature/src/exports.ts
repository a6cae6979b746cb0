import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { LedgerError, SealedCheckpoint, ValidationError } from '@spbe/ledger-core';

/** Exports of the reporting views: CSV (streamed), XLSX (streamed, bounded) and PDF reports. */

export type Lang = 'id' | 'en';
export type Format = 'csv' | 'xlsx';

export interface Column {
  key: string;
  header: { id: string; en: string };
  width?: number;
}

export interface Table {
  /** Sheet name (≤ 31 characters). */
  name: { id: string; en: string };
  columns: Column[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
}

/** The ledger state an export was verified against: every stream chain and checkpoint re-checked, then this checkpoint. */
export interface Attestation {
  tenantId: string;
  verifiedAt: string;
  streams: number;
  events: number;
  checkpoint: Pick<SealedCheckpoint, 'sequence' | 'root' | 'toPosition' | 'count' | 'sealedAt' | 'keyId' | 'signature'>;
}

/**
 * What a verifier needs to re-derive an export from a bundle offline: which view, for which Pemda, in
 * which language, with which filter, against which checkpoint (the rows are the sealed events up to it).
 * Written as a `# spbe-export: {…}` line in a CSV and as the `export` row of an XLSX's Integritas sheet.
 */
export interface ExportMeta {
  format: 'spbe-export/1';
  view: 'audit-trail';
  tenantId: string;
  lang: Lang;
  filter: Record<string, string>;
  checkpoint: { sequence: number; root: string; toPosition: number };
}

export const META_PREFIX = 'spbe-export: ';

/** XLSX is written in one piece per sheet; above this many rows ask for the streamed CSV instead. */
export const XLSX_MAX_ROWS = 100_000;

/** 413 naming the limit when an XLSX export would hold more rows than it may. */
export function assertXlsxRows(rows: number, limit = XLSX_MAX_ROWS): void {
  if (rows > limit) throw new LedgerError('too-large', 'EXPORT_TOO_LARGE', `rows: ${rows} rows exceed the XLSX limit of ${limit}; narrow the filters or use format=csv, which is streamed / gunakan format=csv`, { rows, limit });
}

export function parseFormat(value: unknown): Format {
  if (value === undefined || value === '' || value === 'csv') return 'csv';
  if (value === 'xlsx') return 'xlsx';
  throw new ValidationError('format', 'must be csv or xlsx');
}

export function parseLang(value: unknown): Lang {
  if (value === undefined || value === '' || value === 'id') return 'id';
  if (value === 'en') return 'en';
  throw new ValidationError('lang', 'must be id or en');
}

/** A cell's text: strings as they are, objects as JSON, nothing as empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  let text = cellText(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function attestationLines(a: Attestation, lang: Lang): string[] {
  const c = a.checkpoint;
  return lang === 'id'
    ? [
        `Diverifikasi ${a.verifiedAt}: ${a.events} peristiwa dalam ${a.streams} aliran, rantai hash utuh.`,
        `Checkpoint #${c.sequence} (posisi s.d. ${c.toPosition}, disegel ${c.sealedAt}), akar Merkle ${c.root}, kunci ${c.keyId}.`,
        `Tanda tangan Ed25519: ${c.signature}`,
      ]
    : [
        `Verified ${a.verifiedAt}: ${a.events} events in ${a.streams} streams, hash chains intact.`,
        `Checkpoint #${c.sequence} (positions up to ${c.toPosition}, sealed ${c.sealedAt}), Merkle root ${c.root}, key ${c.keyId}.`,
        `Ed25519 signature: ${c.signature}`,
      ];
}

/** HTTP headers naming the checkpoint, so a client need not parse the file to know it. */
export function attestationHeaders(a: Attestation): Record<string, string> {
  return {
    'X-Ledger-Checkpoint-Sequence': String(a.checkpoint.sequence),
    'X-Ledger-Checkpoint-Root': a.checkpoint.root,
    'X-Ledger-Checkpoint-Key': a.checkpoint.keyId,
    'X-Ledger-Verified-At': a.verifiedAt,
  };
}

/** Writes with back-pressure; a reader that went away ends the export instead of leaving it waiting for 'drain'. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('export aborted: the connection was closed');
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('export aborted: the connection was closed'));
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

/**
 * One table as CSV, streamed row by row. The first lines, starting with `#`, carry the checkpoint
 * the export was verified against; then the header row and the rows.
 */
export async function writeCsv(out: Writable, table: Table, attestation: Attestation, lang: Lang, meta?: ExportMeta): Promise<number> {
  for (const line of attestationLines(attestation, lang)) await write(out, `# ${line}\r\n`);
  if (meta) await write(out, `# ${META_PREFIX}${JSON.stringify(meta)}\r\n`);
  await write(out, table.columns.map((c) => csvField(c.header[lang])).join(',') + '\r\n');
  let n = 0;
  for await (const row of table.rows) {
    await write(out, csvRecord(table, row) + '\r\n');
    n++;
  }
  await write(out, `# ${endLine(n, lang)}\r\n`);
  out.end();
  return n;
}

/**
 * The CSV's last line. A file without it was cut short (the export failed after it began streaming
 * and the connection was aborted), so a reader can tell a complete file from a partial one offline.
 */
/** One data row as a CSV record (without its line break). */
export const csvRecord = (table: Pick<Table, 'columns'>, row: Record<string, unknown>): string => table.columns.map((c) => csvField(row[c.key])).join(',');

export function endLine(rows: number, lang: Lang): string {
  return lang === 'id' ? `Akhir berkas: ${rows} baris data.` : `End of file: ${rows} data rows.`;
}

/** Tables as sheets of one workbook, streamed; a last sheet `Integritas` carries the checkpoint. */
export async function writeXlsx(out: Writable, tables: Table[], attestation: Attestation, lang: Lang, meta?: ExportMeta): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'SPBE Governance Ledger';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name[lang].slice(0, 31));
    ws.columns = t.columns.map((c) => ({ header: c.header[lang], key: c.key, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for await (const row of t.rows) ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, xlsxCell(row[c.key])]))).commit();
    ws.commit();
  }
  const integrity = wb.addWorksheet(lang === 'id' ? 'Integritas' : 'Integrity');
  integrity.columns = [{ header: lang === 'id' ? 'Verifikasi' : 'Verification', key: 'k', width: 24 }, { header: '', key: 'v', width: 100 }];
  const c = attestation.checkpoint;
  const facts: [string, string | number][] = [
    ['tenantId', attestation.tenantId],
    ['verifiedAt', attestation.verifiedAt],
    ['streams', attestation.streams],
    ['events', attestation.events],
    ['checkpoint.sequence', c.sequence],
    ['checkpoint.toPosition', c.toPosition],
    ['checkpoint.root', c.root],
    ['checkpoint.sealedAt', c.sealedAt],
    ['checkpoint.keyId', c.keyId],
    ['checkpoint.signature', c.signature],
    ...(meta ? ([['export', JSON.stringify(meta)]] as [string, string][]) : []),
  ];
  for (const [k, v] of facts) integrity.addRow({ k, v }).commit();
  integrity.commit();
  await wb.commit();
}

/** Numbers stay numbers; objects become JSON text; texts longer than a cell allows are cut with a mark. */
export function xlsxCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = cellText(value);
  return text.length > 32_000 ? `${text.slice(0, 32_000)}…` : text;
}

export interface PdfSection {
  heading: string;
  lines?: string[];
  table?: { columns: { header: string; width: number }[]; rows: string[][] };
}

/** A report as PDF (A4): a title, sections of lines and tables, and the checkpoint it was verified against at the end. */
/** A file embedded in a PDF (the verifiable bundle of the data it reports). */
export interface PdfAttachment {
  name: string;
  content: Buffer;
  description: string;
}

export function writePdf(out: Writable, title: string, subtitle: string, sections: PdfSection[], attestation: Attestation, lang: Lang, attachment?: PdfAttachment): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Author: 'SPBE Governance Ledger' } });
  if (attachment) doc.file(attachment.content, { name: attachment.name, type: 'application/json', description: attachment.description });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  doc.font('Helvetica').fontSize(10).fillColor('#555').text(subtitle).fillColor('#000').moveDown();
  for (const s of [...sections, { heading: lang === 'id' ? 'Integritas' : 'Integrity', lines: attestationLines(attestation, lang) }]) {
    doc.font('Helvetica-Bold').fontSize(12).text(s.heading).moveDown(0.3);
    doc.font('Helvetica').fontSize(9);
    for (const line of s.lines ?? []) doc.text(line);
    if (s.table) pdfTable(doc, s.table);
    doc.moveDown();
  }
  doc.end();
  return done;
}

function pdfTable(doc: PDFKit.PDFDocument, table: NonNullable<PdfSection['table']>): void {
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * usable);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const height = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: widths[i] - 4 }))) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((t, i) => {
      doc.text(t, x + 2, y + 2, { width: widths[i] - 4 });
      x += widths[i];
    });
    doc.moveTo(left, y + height).lineTo(left + usable, y + height).strokeColor('#ccc').stroke();
    doc.x = left;
    doc.y = y + height;
  };
  row(table.columns.map((c) => c.header), true);
  for (const r of table.rows) row(r, false);
}
