import type { AuditTrailRow } from './audit-trail.projection';
import type { AuditSummary, AuditViewDoc, FindingViewDoc } from './audit-views.projection';
import type { ComplianceReport, ComplianceYear } from './compliance.report';
import type { cycleView, evaluationOverview } from './evaluation-views.projection';
import { Column, Lang, Table } from './exports';

/** The reporting views laid out as tables with bilingual headers (pure; rows may be streamed). */

const col = (key: string, id: string, en: string, width?: number): Column => ({ key, header: { id, en }, width });

async function* mapRows<T>(rows: AsyncIterable<T>, f: (r: T) => Record<string, unknown>): AsyncGenerator<Record<string, unknown>> {
  for await (const r of rows) yield f(r);
}

/** Every field of an audit-trail row. */
export function auditTrailTable(rows: AsyncIterable<AuditTrailRow>, lang: Lang): Table {
  return {
    name: { id: 'Jejak audit', en: 'Audit trail' },
    columns: [
      col('eventId', 'ID peristiwa', 'Event id', 38),
      col('recordedAt', 'Dicatat', 'Recorded at', 26),
      col('occurredAt', 'Terjadi', 'Occurred at', 26),
      col('type', 'Jenis peristiwa', 'Event type', 26),
      col('entityType', 'Jenis entitas', 'Entity type'),
      col('entityId', 'ID entitas', 'Entity id'),
      col('streamId', 'Aliran', 'Stream', 40),
      col('version', 'Versi', 'Version', 8),
      col('globalPosition', 'Posisi global', 'Global position'),
      col('actorId', 'ID pelaku', 'Actor id'),
      col('actorName', 'Pelaku', 'Actor', 24),
      col('actorRole', 'Peran', 'Role'),
      col('actorUnit', 'Unit pelaku', 'Actor unit'),
      col('legalBasis', 'Dasar hukum', 'Legal basis', 36),
      col('summary', 'Ringkasan', 'Summary', 60),
      col('correlationId', 'ID korelasi', 'Correlation id', 38),
      col('causationId', 'ID penyebab', 'Causation id', 38),
      col('commandId', 'ID perintah', 'Command id', 38),
      col('payload', 'Muatan (JSON)', 'Payload (JSON)', 80),
      col('hash', 'Hash', 'Hash', 66),
      col('prevHash', 'Hash sebelumnya', 'Previous hash', 66),
    ],
    rows: mapRows(rows, (r) => ({
      eventId: r._id,
      recordedAt: r.recordedAt,
      occurredAt: r.occurredAt,
      type: r.type,
      entityType: r.entityType,
      entityId: r.entityId,
      streamId: r.streamId,
      version: r.version,
      globalPosition: r.globalPosition,
      actorId: r.actor.id,
      actorName: r.actor.name,
      actorRole: r.actor.role,
      actorUnit: r.actor.unitId ?? null,
      legalBasis: r.legalBasisText,
      summary: r.summary[lang],
      correlationId: r.correlationId,
      causationId: r.causationId,
      commandId: r.commandId,
      payload: r.payload,
      hash: r.hash,
      prevHash: r.prevHash,
    })),
  };
}

export function complianceTable(report: ComplianceReport, lang: Lang): Table {
  return {
    name: { id: 'Kepatuhan', en: 'Compliance' },
    columns: [
      col('ruleId', 'Aturan', 'Rule', 28),
      col('title', 'Kewajiban', 'Obligation', 50),
      col('subject', 'Subjek', 'Subject', 28),
      col('status', 'Status', 'Status', 14),
      col('dueDate', 'Tenggat', 'Due date', 12),
      col('periodFrom', 'Periode dari', 'Period from', 12),
      col('periodTo', 'Periode s.d.', 'Period to', 12),
      col('lastFulfilledOn', 'Terakhir dipenuhi', 'Last fulfilled', 14),
      col('evidence', 'Bukti (ID peristiwa)', 'Evidence (event ids)', 40),
      col('missedPeriods', 'Periode terlewat', 'Missed periods', 30),
      col('citation', 'Dasar hukum', 'Citation', 36),
      col('source', 'Sumber nilai', 'Value source', 14),
      col('duty', 'Tugas', 'Duty', 20),
      col('holder', 'Pelaksana', 'Holder', 20),
      col('cadence', 'Siklus', 'Cadence', 16),
      col('note', 'Catatan', 'Note', 40),
      col('asOf', 'Per tanggal', 'As of', 12),
    ],
    rows: report.obligations.map((o) => ({
      ruleId: o.ruleId,
      title: o.title[lang],
      subject: `${o.subject.kind}:${o.subject.id}`,
      status: o.status,
      dueDate: o.dueDate,
      periodFrom: o.period?.from ?? null,
      periodTo: o.period?.to ?? null,
      lastFulfilledOn: o.lastFulfilledOn,
      evidence: o.evidence.join(' '),
      missedPeriods: o.missedPeriods.map((p) => `${p.from}..${p.to}`).join(' '),
      citation: o.citation ? `${o.citation.regulation} ${o.citation.article}` : null,
      source: o.source,
      duty: o.actor.duty,
      holder: o.actor.holder,
      cadence: o.cadence ?? null,
      note: o.note?.[lang] ?? null,
      asOf: report.asOf,
    })),
  };
}

export function complianceYearsTable(years: ComplianceYear[]): Table {
  return {
    name: { id: 'Ringkasan per tahun', en: 'Summary by year' },
    columns: [col('year', 'Tahun', 'Year', 8), col('asOf', 'Per tanggal', 'As of', 12), col('overdue', 'Terlambat', 'Overdue', 10), col('dueSoon', 'Segera jatuh tempo', 'Due soon', 10), col('due', 'Jatuh tempo', 'Due', 10), col('fulfilled', 'Terpenuhi', 'Fulfilled', 10), col('notApplicable', 'Tidak berlaku', 'Not applicable', 12), col('missedPeriods', 'Periode terlewat', 'Missed periods', 14)],
    rows: years.map((y) => ({ year: y.year, asOf: y.asOf, overdue: y.summary.overdue, dueSoon: y.summary['due-soon'], due: y.summary.due, fulfilled: y.summary.fulfilled, notApplicable: y.summary['not-applicable'], missedPeriods: y.missedPeriods })),
  };
}

/** Audits, findings, and the summary (programme per year, open findings by severity, overdue per OPD). */
export function auditTables(audits: AuditViewDoc[], findings: FindingViewDoc[], summary: AuditSummary, lang: Lang): Table[] {
  return [
    {
      name: { id: 'Audit', en: 'Audits' },
      columns: [col('auditId', 'ID audit', 'Audit id'), col('year', 'Tahun', 'Year', 8), col('auditType', 'Jenis', 'Type'), col('mode', 'Pelaksana', 'Mode'), col('objectId', 'Objek', 'Object'), col('status', 'Status', 'Status'), col('conclusion', 'Simpulan', 'Conclusion'), col('overdueRules', 'Aturan terlambat', 'Overdue rules', 30)],
      rows: audits.map((a) => ({ ...a, overdueRules: a.overdueRules.join(' ') })),
    },
    {
      name: { id: 'Temuan', en: 'Findings' },
      columns: [col('findingId', 'ID temuan', 'Finding id'), col('auditId', 'ID audit', 'Audit id'), col('severity', 'Tingkat', 'Severity'), col('responsibleUnitId', 'OPD penanggung jawab', 'Responsible OPD', 24), col('recordedOn', 'Dicatat', 'Recorded on', 12), col('dueDate', 'Tenggat', 'Due date', 12), col('status', 'Status', 'Status', 20), col('overdue', 'Terlambat', 'Overdue', 10)],
      rows: findings,
    },
    {
      name: { id: 'Ringkasan', en: 'Summary' },
      columns: [col('section', 'Bagian', 'Section', 24), col('key', 'Kunci', 'Key', 20), col('value', 'Nilai', 'Value', 60)],
      rows: [
        ...summary.programme.map((p) => ({ section: lang === 'id' ? 'Program per tahun' : 'Programme by year', key: p.year, value: `planned ${p.planned}, scheduled ${p.scheduled}, started ${p.started}, reported ${p.reported}, closed ${p.closed}` })),
        ...Object.entries(summary.conclusions).map(([k, v]) => ({ section: lang === 'id' ? 'Simpulan' : 'Conclusions', key: k, value: v })),
        ...summary.openFindings.map((f) => ({ section: lang === 'id' ? 'Temuan terbuka' : 'Open findings', key: f.severity, value: `${f.count} (${lang === 'id' ? 'tertua' : 'oldest'} ${f.oldestAgeDays} ${lang === 'id' ? 'hari' : 'days'})` })),
        ...summary.overdueFollowUpsByUnit.map((u) => ({ section: lang === 'id' ? 'Tindak lanjut terlambat' : 'Overdue follow-ups', key: u.unitId, value: `${u.count}: ${u.findingIds.join(' ')}` })),
      ],
    },
  ];
}

export function evaluationTable(overview: ReturnType<typeof evaluationOverview>): Table {
  return {
    name: { id: 'Siklus evaluasi', en: 'Evaluation cycles' },
    columns: [col('cycleId', 'Siklus', 'Cycle', 20), col('year', 'Tahun', 'Year', 8), col('frameworkId', 'Kerangka', 'Framework', 12), col('finalized', 'Final', 'Finalised', 8), col('index', 'Indeks', 'Index', 8), col('indexExact', 'Indeks (tepat)', 'Index (exact)', 24), col('predicate', 'Predikat', 'Predicate', 12), col('missing', 'Indikator belum dinilai', 'Indicators without a level', 30), col('domains', 'Indeks domain', 'Domain indices', 50)],
    rows: overview.cycles.map((c) => ({
      cycleId: c.cycleId,
      year: c.year,
      frameworkId: c.frameworkId,
      finalized: c.finalized,
      index: c.result?.index ?? null,
      indexExact: c.result?.indexExact ?? null,
      predicate: c.result?.predicate ?? null,
      missing: c.missing.join(' '),
      domains: c.result?.domains.map((d) => `${d.name}: ${d.index}`).join('; ') ?? null,
    })),
  };
}

export function cycleTables(view: ReturnType<typeof cycleView>): Table {
  return {
    name: { id: view.cycleId, en: view.cycleId },
    columns: [col('no', 'No', 'No', 6), col('name', 'Indikator', 'Indicator', 60), col('weight', 'Bobot %', 'Weight %', 10), col('owner', 'OPD pemilik', 'Owner OPD', 20), ...view.stages.map((s) => col(s, s, s, 10)), col('stage', 'Tahap terakhir', 'Latest stage', 14)],
    rows: view.indicators.map((i) => ({ no: i.no, name: i.name, weight: i.weight, owner: i.owner, ...i.levels, stage: i.stage })),
  };
}
