import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ServerResponse as Response } from 'node:http';
import { EventStore, fold, NotFoundError, ValidationError } from '@spbe/ledger-core';
import { auditDecider, auditStreamId, findingDecider, findingStreamId } from '@spbe/audit-domain';
import { EVENT_STORE } from '@spbe/platform';
import { AuditTrailQuery, buildAuditTrailFilter, sealedAuditTrailFilter } from './audit-trail.query';
import { auditSummary } from './audit-views.projection';
import { cycleView, evaluationOverview } from './evaluation-views.projection';
import {
  assertXlsxRows,
  ExportMeta,
  parseFormat,
  parseLang,
  XLSX_MAX_ROWS,
} from './exports';
import { send, sendPdf } from './export-response';
import { auditTables, auditTrailTable, complianceTable, complianceYearsTable, cycleTables, evaluationTable } from './export-tables';
import { KnownTenantGuard } from './known-tenant.guard';
import { ReportingService } from './reporting.service';

/**
 * Exports of the reporting views. Each one first seals what is pending and re-verifies the tenant's
 * ledger; the file carries that checkpoint (CSV: leading `#` lines; XLSX: an `Integritas` sheet; PDF: a
 * last section) and the response names it in `X-Ledger-Checkpoint-*` headers.
 */
@ApiTags('reporting')
@ApiBearerAuth()
@UseGuards(KnownTenantGuard)
@Controller('api/reporting/tenants/:tenantId')
export class ExportsController {
  constructor(
    private readonly reporting: ReportingService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('audit-trail/export')
  @ApiOperation({ summary: `The audit trail with every field, same filters as the audit trail (no page size): CSV streamed without a row limit, XLSX up to REPORTING_XLSX_MAX_ROWS rows (default ${XLSX_MAX_ROWS}; 413 beyond)` })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiQuery({ name: 'format', required: false, description: 'csv (default) or xlsx' })
  @ApiQuery({ name: 'lang', required: false, description: 'id (default) or en: column headers and summaries' })
  async auditTrail(@Param('tenantId') tenantId: string, @Query() query: AuditTrailQuery & { format?: string; lang?: string }, @Res() res: Response) {
    const { format: f, lang: l, limit: _limit, cursor, ...filters } = query;
    if (cursor) throw new ValidationError('cursor', 'an export covers every matching row; leave cursor out');
    const format = parseFormat(f);
    const lang = parseLang(l);
    buildAuditTrailFilter(tenantId, filters, this.reporting.limits.maxPage);
    const attestation = await this.reporting.attest(tenantId);
    // The rows are the sealed events up to the checkpoint the export is verified against, so that the
    // file can be re-derived from a bundle offline (npm run verify -- --export <file> --bundle <bundle>).
    const { filter } = sealedAuditTrailFilter(tenantId, filters, attestation.checkpoint.toPosition, this.reporting.limits.maxPage);
    if (format === 'xlsx') assertXlsxRows(await this.reporting.countAuditTrail(filter), this.reporting.limits.xlsxMaxRows);
    await this.reporting.projectedUpTo('audit-trail', attestation.checkpoint.toPosition);
    const table = auditTrailTable(this.reporting.auditTrailRows(filter), lang);
    const { sequence, root, toPosition } = attestation.checkpoint;
    const meta: ExportMeta = { format: 'spbe-export/1', view: 'audit-trail', tenantId, lang, filter: filters as Record<string, string>, checkpoint: { sequence, root, toPosition } };
    await send(res, format, `jejak-audit-${tenantId}`, [table], attestation, lang, meta);
  }

  @Get('compliance/export')
  @ApiOperation({ summary: 'The compliance view (every obligation with status, due date, evidence, citation) as CSV or XLSX (XLSX adds the per-year summary)' })
  @ApiQuery({ name: 'format', required: false })
  @ApiQuery({ name: 'lang', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'unitId', required: false })
  async compliance(@Param('tenantId') tenantId: string, @Res() res: Response, @Query('format') f?: string, @Query('lang') l?: string, @Query('asOf') asOf?: string, @Query('unitId') unitId?: string) {
    const format = parseFormat(f);
    const lang = parseLang(l);
    const { report, years } = await this.reporting.complianceWithYears(tenantId, asOf, unitId);
    const attestation = await this.reporting.attest(tenantId);
    await send(res, format, `kepatuhan-${tenantId}-${report.asOf}`, [complianceTable(report, lang), complianceYearsTable(years)], attestation, lang);
  }

  @Get('audits/export')
  @ApiOperation({ summary: 'Audit views as CSV (table=audits|findings) or XLSX (audits, findings and the summary as sheets)' })
  @ApiQuery({ name: 'format', required: false })
  @ApiQuery({ name: 'lang', required: false })
  @ApiQuery({ name: 'table', required: false, description: 'CSV only: audits (default) or findings' })
  @ApiQuery({ name: 'asOf', required: false })
  async audits(@Param('tenantId') tenantId: string, @Res() res: Response, @Query('format') f?: string, @Query('lang') l?: string, @Query('table') which?: string, @Query('asOf') asOf?: string) {
    const format = parseFormat(f);
    const lang = parseLang(l);
    if (which !== undefined && which !== 'audits' && which !== 'findings') throw new ValidationError('table', 'must be audits or findings');
    const { on, audits, findings } = await this.reporting.audits(tenantId, asOf);
    const tables = auditTables(audits, findings, auditSummary(audits, findings, on), lang);
    const attestation = await this.reporting.attest(tenantId);
    const chosen = format === 'csv' ? [which === 'findings' ? tables[1] : tables[0]] : tables;
    await send(res, format, `audit-${tenantId}-${on}`, chosen, attestation, lang);
  }

  @Get('evaluation/export')
  @ApiOperation({ summary: "Evaluation views as CSV or XLSX: every cycle's index and predicate; with cycleId, that cycle's indicator levels by stage (XLSX: one sheet per cycle)" })
  @ApiQuery({ name: 'format', required: false })
  @ApiQuery({ name: 'lang', required: false })
  @ApiQuery({ name: 'cycleId', required: false })
  async evaluation(@Param('tenantId') tenantId: string, @Res() res: Response, @Query('format') f?: string, @Query('lang') l?: string, @Query('cycleId') cycleId?: string) {
    const format = parseFormat(f);
    const lang = parseLang(l);
    const docs = cycleId ? [await this.reporting.cycle(tenantId, cycleId)] : await this.reporting.cycles(tenantId);
    const overview = evaluationTable(evaluationOverview(docs));
    const perCycle = docs.filter((d) => d.state.exists).map((d) => cycleTables(cycleView(d)));
    const tables = format === 'csv' ? [cycleId ? perCycle[0] : overview] : [overview, ...perCycle];
    const attestation = await this.reporting.attest(tenantId);
    await send(res, format, `evaluasi-${tenantId}${cycleId ? `-${cycleId}` : ''}`, tables, attestation, lang);
  }

  @Get('evaluation/cycles/:cycleId/report.pdf')
  @ApiOperation({ summary: "PDF report of an evaluation cycle: index, predicate, domain and aspect indices, every indicator's level by stage" })
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'lang', required: false })
  async cyclePdf(@Param('tenantId') tenantId: string, @Param('cycleId') cycleId: string, @Res() res: Response, @Query('lang') l?: string) {
    const lang = parseLang(l);
    const view = cycleView(await this.reporting.cycle(tenantId, cycleId));
    const attestation = await this.reporting.attest(tenantId);
    const en = lang === 'en';
    const r = view.result;
    const sections = [
      {
        heading: en ? 'Result' : 'Hasil',
        lines: r
          ? [`${en ? 'Index' : 'Indeks'}: ${r.index} (${r.indexExact}) — ${en ? 'predicate' : 'predikat'} ${r.predicate}`, `${en ? 'Finalised' : 'Final'}: ${view.finalized ? (en ? 'yes' : 'ya') : en ? 'no' : 'belum'}`]
          : [`${en ? 'Incomplete; indicators without a level' : 'Belum lengkap; indikator tanpa tingkat'}: ${view.missing.join(', ')}`],
      },
      ...(r && r.domains.length ? [{ heading: en ? 'Domains' : 'Domain', table: { columns: [{ header: 'Domain', width: 5 }, { header: en ? 'Weight %' : 'Bobot %', width: 1 }, { header: en ? 'Index' : 'Indeks', width: 1 }], rows: r.domains.map((d) => [d.name, d.weight, d.index]) } }] : []),
      ...(r ? [{ heading: en ? 'Aspects' : 'Aspek', table: { columns: [{ header: en ? 'Aspect' : 'Aspek', width: 5 }, { header: en ? 'Weight %' : 'Bobot %', width: 1 }, { header: en ? 'Index' : 'Indeks', width: 1 }], rows: r.aspects.map((a) => [a.name, a.weight, a.index]) } }] : []),
      {
        heading: en ? 'Indicator levels by stage' : 'Tingkat indikator per tahap',
        table: {
          columns: [{ header: 'No', width: 1 }, { header: en ? 'Indicator' : 'Indikator', width: 8 }, ...view.stages.map((s) => ({ header: s, width: 1.6 }))],
          rows: view.indicators.map((i) => [String(i.no), i.name, ...view.stages.map((s) => (i.levels[s] === undefined ? '—' : String(i.levels[s])))]),
        },
      },
    ];
    await sendPdf(res, `evaluasi-${tenantId}-${cycleId}`, `${en ? 'Evaluation' : 'Evaluasi'} ${view.frameworkId} ${view.year ?? ''} — ${tenantId}`, `${en ? 'Cycle' : 'Siklus'} ${cycleId}`, sections, attestation, lang, await this.reporting.bundleAttachment(tenantId));
  }

  @Get('audits/:auditId/report.pdf')
  @ApiOperation({ summary: 'PDF report of an Audit TIK: object, type, schedule, conclusion, findings with their follow-up state, and the recorded decisions' })
  @ApiProduces('application/pdf')
  @ApiQuery({ name: 'lang', required: false })
  async auditPdf(@Param('tenantId') tenantId: string, @Param('auditId') auditId: string, @Res() res: Response, @Query('lang') l?: string) {
    const lang = parseLang(l);
    const en = lang === 'en';
    const events = await this.store.readStream(auditStreamId(tenantId, auditId));
    if (events.length === 0) throw new NotFoundError('audit', auditId);
    const audit = fold(auditDecider, events);
    const details = await Promise.all((await this.reporting.findingsOf(tenantId, auditId)).map(async (f) => {
      const stream = await this.store.readStream(findingStreamId(tenantId, f.findingId));
      return { recorded: (stream[0]?.payload ?? {}) as Record<string, unknown>, state: fold(findingDecider, stream) };
    }));
    const attestation = await this.reporting.attest(tenantId);
    const dash = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));
    const sections = [
      {
        heading: en ? 'Audit' : 'Audit',
        lines: [
          `${en ? 'Object' : 'Objek'}: ${audit.objectKind} ${audit.objectId}`,
          `${en ? 'Type' : 'Jenis'}: ${audit.auditType} (${audit.mode}), ${en ? 'year' : 'tahun'} ${audit.year}`,
          `${en ? 'Schedule' : 'Jadwal'}: ${dash(audit.startDate)} – ${dash(audit.endDate)}${audit.latikId ? `, LATIK ${audit.latikId}` : ''}`,
          `Status: ${audit.status}; ${en ? 'conclusion' : 'simpulan'}: ${dash(audit.conclusion)}${audit.reportedOn ? ` (${audit.reportedOn})` : ''}`,
        ],
      },
      {
        heading: en ? 'Findings' : 'Temuan',
        lines: details.length ? [] : [en ? 'No findings recorded.' : 'Tidak ada temuan tercatat.'],
        table: details.length
          ? {
              columns: [{ header: en ? 'Severity' : 'Tingkat', width: 1 }, { header: en ? 'Condition' : 'Kondisi', width: 3 }, { header: en ? 'Recommendation' : 'Rekomendasi', width: 3 }, { header: 'OPD', width: 1.5 }, { header: en ? 'Due' : 'Tenggat', width: 1.3 }, { header: 'Status', width: 1.3 }],
              rows: details.map((d) => [dash(d.state.severity), dash(d.recorded['condition']), dash(d.recorded['recommendation']), dash(d.state.responsibleUnitId), dash(d.state.dueDate), dash(d.state.status)]),
            }
          : undefined,
      },
      {
        heading: en ? 'Recorded decisions' : 'Keputusan tercatat',
        table: {
          columns: [{ header: en ? 'When' : 'Waktu', width: 2 }, { header: en ? 'Event' : 'Peristiwa', width: 2 }, { header: en ? 'Who' : 'Siapa', width: 2 }, { header: en ? 'Legal basis' : 'Dasar hukum', width: 2 }],
          rows: events.map((e) => [e.recordedAt.slice(0, 19).replace('T', ' '), e.type, `${e.actor.name} (${e.actor.role})`, e.legalBasis ? `${e.legalBasis.regulation} ${e.legalBasis.article}` : '—']),
        },
      },
    ];
    await sendPdf(res, `audit-${tenantId}-${auditId}`, `${en ? 'Audit TIK report' : 'Laporan Audit TIK'} — ${auditId}`, tenantId, sections, attestation, lang, await this.reporting.bundleAttachment(tenantId));
  }
}
