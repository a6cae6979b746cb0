import { Logger } from '@nestjs/common';
import type { ServerResponse as Response } from 'node:http';
import { Attestation, attestationHeaders, ExportMeta, Format, Lang, PdfAttachment, PdfSection, Table, writeCsv, writePdf, writeXlsx } from './exports';

const logger = new Logger('Exports');

/** Sends tables as a CSV (the first) or an XLSX (all) download. */
export function send(res: Response, format: Format, name: string, tables: Table[], attestation: Attestation, lang: Lang, meta?: ExportMeta): Promise<void> {
  return format === 'csv'
    ? streamed(res, 'text/csv; charset=utf-8', `${name}.csv`, attestation, () => writeCsv(res, tables[0], attestation, lang, meta))
    : streamed(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${name}.xlsx`, attestation, () => writeXlsx(res, tables, attestation, lang, meta));
}

export function sendPdf(res: Response, name: string, title: string, subtitle: string, sections: PdfSection[], attestation: Attestation, lang: Lang, attachment?: PdfAttachment): Promise<void> {
  return streamed(res, 'application/pdf', `${name}.pdf`, attestation, () => writePdf(res, title, subtitle, sections, attestation, lang, attachment));
}

/**
 * Streams a download. Validation and verification happen before this is called, so a refusal is
 * still an ordinary 4xx. A failure once bytes may have left (a read model lost mid-export) cannot
 * become an error status any more: the connection is aborted instead of ended, so the client sees a
 * failed transfer rather than a file that looks complete (a CSV also lacks its `# Akhir berkas` line).
 */
export async function streamed(res: Response, contentType: string, filename: string, attestation: Attestation, write: () => Promise<unknown>): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  for (const [k, v] of Object.entries(attestationHeaders(attestation))) res.setHeader(k, v);
  try {
    await write();
  } catch (err) {
    if (!res.headersSent) {
      // Nothing left yet: the error handler answers with its status, not as a download.
      for (const h of ['Content-Type', 'Content-Disposition', ...Object.keys(attestationHeaders(attestation))]) res.removeHeader(h);
      throw err;
    }
    logger.error(`export ${filename} failed after it began streaming; connection aborted: ${err instanceof Error ? err.message : String(err)}`);
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
