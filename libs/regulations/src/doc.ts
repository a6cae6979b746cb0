import { formatCitation } from './citation-table';
import type { Cadence, Provision, RegulationProfile } from './model';
import { DUTIES, DUTY_LABELS } from './model';
import { EVENT_LEGAL_BASIS, type LegalBasisCoverage } from './event-legal-basis';

/**
 * docs/regulations.md, generated from the profiles (a table per profile). A test keeps the committed
 * file equal to this output; `npm run docs:regulations` rewrites it.
 */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function source<T>(p: Provision<T>, show: (v: T) => string): [string, string] {
  switch (p.kind) {
    case 'stated':
      return [show(p.value), formatCitation(p.citation)];
    case 'pemda-decision':
      return [show(p.value), `${formatCitation(p.citation)} (keputusan Pemda ${p.decree.number})`];
    case 'silent':
      return p.fallback
        ? [show(p.fallback.value), `tidak diatur → nasional ${formatCitation(p.fallback.citation)}`]
        : ['—', `tidak diatur: ${p.note.id}`];
  }
}

const cadence = (c: Cadence) => `paling sedikit 1× per ${c.every.years ? `${c.every.years} tahun` : `${c.every.months} bulan`} (${c.window === 'calendar' ? 'periode kalender' : 'bergulir'})`;

export function renderProfileSection(p: RegulationProfile): string[] {
  const rows: [string, string, string][] = [];
  const id = p.identity;
  rows.push(['Berlaku sejak / in force', id.inForceFrom ?? '(tanggal kosong; dicatat Pemda saat adopsi)', formatCitation(id.inForceCitation)]);
  for (const d of DUTIES) rows.push([DUTY_LABELS[d].id, ...source(p.roles[d], (v) => v)]);
  rows.push(['PD Mandiri TIK: prosedur', ...source(p.mandiriTik.procedure, (v) => (v.optional ? 'opsional ("dapat ditetapkan")' : 'wajib'))]);
  rows.push(['PD Mandiri TIK: kriteria', ...source(p.mandiriTik.criteria, (v) => v.map((c) => `${c.id}. ${c.text.id}`).join('; '))]);
  for (const g of p.gates) rows.push([`Gerbang: ${g.action}`, `${g.term} (${g.givenBy ?? 'pemberi tidak disebut / giver not named'})`, formatCitation(g.citation)]);
  rows.push([`Masa berlaku ${p.architecture.artefact === 'cetak-biru' ? 'cetak biru' : 'Arsitektur'}`, ...source(p.architecture.validity, (v) => `${v.years} tahun${v.rpjmdAligned ? ', selaras RPJMD' : ''}`)]);
  rows.push(['Masa berlaku Peta Rencana', ...source(p.roadmap.validity, (v) => `${v.years} tahun`)]);
  const services = { administrative: 'Layanan administrasi', public: 'Layanan publik', sectors: 'Sektor layanan publik' } as const;
  for (const k of ['administrative', 'public', 'sectors'] as const) rows.push([services[k], ...source(p.services[k], (v) => v.join('; '))]);
  for (const o of p.obligations) {
    const [value, cite] = o.kind === 'periodic' ? source(o.cadence, cadence) : source(o.provision, () => (o.window === 'mid-term' ? 'paruh waktu' : 'tahun terakhir'));
    rows.push([`${o.ruleId} ${o.title.id}`, value, cite]);
  }
  for (const r of p.orderRules) rows.push([`${r.ruleId} ${r.title.id}`, 'urutan / order', formatCitation(r.citation)]);
  return [
    `## ${p.id}`,
    '',
    `${id.instrument} ${id.region.name} ${id.number ? `Nomor ${id.number} ` : ''}Tahun ${id.year}: *${id.title}* (${id.status}). ${p.summary.id} / ${p.summary.en}`,
    '',
    '| Ketentuan / rule | Nilai / value | Dasar / citation |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
}

export function renderRegulationsDoc(profiles: RegulationProfile[]): string {
  return [
    '# Regulation profiles',
    '',
    '<!-- Generated from libs/regulations by `npm run docs:regulations`; a test keeps it in sync. Do not edit by hand. -->',
    '',
    'Each Pemda is governed by one profile. Every value names its article; "tidak diatur" = the regulation is',
    'silent, "→ nasional" = the national rule that applies instead. † = an ayat/huruf number inferred from',
    'position (not printed in the text); [V]/[T] = grade of a national source (verified / third-party).',
    'A Pemda can replace a value by its own decree (`POST /api/registry/tenants/{tenantId}/profile/overrides`).',
    'Windows: "periode kalender" = within each calendar period; "bergulir" = within N years of the last one.',
    '',
    ...profiles.flatMap(renderProfileSection),
    ...renderEventBasisSection(),
  ].join('\n');
}

const COVERAGE: Record<LegalBasisCoverage, string> = {
  always: 'selalu / always',
  'where-ruled': 'bila profil mengaturnya / where the profile has the rule',
  none: 'tidak ada / none',
};

/** Which article each event type carries, and why some carry none (EVENT_LEGAL_BASIS). */
function renderEventBasisSection(): string[] {
  const entries = Object.entries(EVENT_LEGAL_BASIS).sort(([a], [b]) => a.localeCompare(b));
  return [
    '## Dasar hukum pada setiap peristiwa / the legal basis each event carries',
    '',
    'Every decision a regulation governs carries the article that governs it in its `legalBasis`. Event types',
    'that no article governs are listed with the reason; a test fails when the code records an event type',
    'that is not in this list (`libs/regulations/src/event-legal-basis.ts`).',
    '',
    '| Peristiwa / event | Dasar hukum / legal basis | Pasal, atau alasan tanpa pasal / article, or why none |',
    '|---|---|---|',
    ...entries.map(([type, e]) => `| \`${type}\` | ${COVERAGE[e.coverage]} | ${cell(e.note.id)} / ${cell(e.note.en)} |`),
    '',
  ];
}
