import { cite, everyYears, silent, stated, t } from './build';
import type { Citation, FactMatch, Obligation, OrderRule, Provision, Text } from './model';

/**
 * National rules that apply to every Pemerintah Daerah directly (Perpres 95/2018 applies to every
 * Pemda), used as fallbacks where a regional regulation is silent. Only facts graded [V] (verified in
 * a legal text or official source) or, where marked, [T] (third-party material) in
 * ../shared/domain/evaluation-frameworks.md are used; beliefs [B] are not rules.
 */
export const PERPRES_95_2018 = 'perpres-95-2018';
export const BSSN_8_2024 = 'peraturan-bssn-8-2024';

export const NATIONAL_REGULATIONS: Record<string, Text> = {
  [PERPRES_95_2018]: t('Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik', 'Presidential Regulation 95/2018 on SPBE'),
  [BSSN_8_2024]: t('Peraturan BSSN Nomor 8 Tahun 2024 tentang Standar dan Tata Cara Pelaksanaan Audit Keamanan SPBE', 'BSSN Regulation 8/2024 on SPBE security audit standards'),
  'permenpanrb-59-2020': t('Peraturan Menteri PANRB Nomor 59 Tahun 2020 tentang Pemantauan dan Evaluasi SPBE', 'PermenPANRB 59/2020 on SPBE monitoring and evaluation'),
  'permenpanrb-8-2026': t('Peraturan Menteri PANRB Nomor 8 Tahun 2026 tentang Evaluasi Kinerja Pemerintah Digital', 'PermenPANRB 8/2026 on digital-government evaluation'),
};

/** Perpres 95/2018 Pasal 56: IPPD infrastructure audit at least once per 2 years [V]. */
export const NATIONAL_INFRA_AUDIT: Citation = cite(PERPRES_95_2018, 'Pasal 56', { grade: 'V' });
/** Perpres 95/2018 Pasal 58(4): security audit of Infrastruktur IP/PD and Aplikasi Khusus at least once per 2 years [V]. */
export const NATIONAL_SECURITY_AUDIT: Citation = cite(PERPRES_95_2018, 'Pasal 58(4)', { grade: 'V' });
/** Perpres 95/2018 Pasal 12(2): the Pemda architecture runs 5 years; reviews at mid-term and final year [T]. */
export const NATIONAL_ARCHITECTURE: Citation = cite(PERPRES_95_2018, 'Pasal 12', { grade: 'T' });
/** Perpres 95/2018 Pasal 19: the Pemda roadmap runs 5 years; reviews at mid-term and final year [V]. */
export const NATIONAL_ROADMAP: Citation = cite(PERPRES_95_2018, 'Pasal 19', { grade: 'V' });
/** BSSN 8/2024: the internal security audit comes before the LATIK audit [V]. */
export const NATIONAL_INTERNAL_BEFORE_EXTERNAL: Citation = cite(BSSN_8_2024, 'Pasal 24–27', { grade: 'V' });

/** The cadence is not in the title: it is the obligation's own data (and silent where no text states one). */
const auditTitle = (type: string, object: string): Text => t(`Audit ${type} SPBE atas ${object}`, `${type} audit of ${object}`);

/** The audit obligations with the regional provision for each; `regional` undefined → national fallback. */
export function auditObligations(regional: {
  infrastructure?: Provision<ReturnType<typeof everyYears>>;
  application?: Provision<ReturnType<typeof everyYears>>;
  securityInfrastructure?: Provision<ReturnType<typeof everyYears>>;
  securityApplication?: Provision<ReturnType<typeof everyYears>>;
  actor: Obligation['actor'];
  /** Overrides the note of the silent cadences (e.g. Samarinda sets a Pemda-wide cadence, not one per object). */
  silentNote?: Text;
}): Obligation[] {
  const fallbackNote = regional.silentNote ?? t('Peraturan daerah tidak mengatur; berlaku ketentuan nasional.', 'The regional regulation is silent; the national rule applies.');
  const none = regional.silentNote
    ? t(`${regional.silentNote.id} Tidak ada ketentuan nasional terverifikasi.`, `${regional.silentNote.en} No verified national rule exists.`)
    : t('Peraturan daerah tidak mengatur dan tidak ada ketentuan nasional terverifikasi.', 'The regional regulation is silent and no verified national rule exists.');
  return [
    {
      kind: 'periodic',
      ruleId: 'R-AUD-09',
      title: auditTitle('infrastruktur', 'infrastruktur SPBE'),
      actor: regional.actor,
      scope: 'infrastructure',
      evidence: { types: ['AuditReported'], where: { auditType: 'infrastruktur' } },
      cadence: regional.infrastructure ?? silent(fallbackNote, { value: everyYears(2), citation: NATIONAL_INFRA_AUDIT }),
    },
    {
      kind: 'periodic',
      ruleId: 'R-AUD-10',
      title: auditTitle('aplikasi', 'Aplikasi Khusus'),
      actor: regional.actor,
      scope: 'application',
      appliesTo: { category: 'khusus' },
      evidence: { types: ['AuditReported'], where: { auditType: 'aplikasi' } },
      // Perpres 95/2018 Pasal 57 for Aplikasi Khusus is graded [B] (belief): not a rule.
      cadence: regional.application ?? silent(none),
    },
    {
      kind: 'periodic',
      ruleId: 'R-AUD-11.infrastructure',
      title: auditTitle('keamanan', 'infrastruktur SPBE'),
      actor: regional.actor,
      scope: 'infrastructure',
      evidence: { types: ['AuditReported'], where: { auditType: 'keamanan' } },
      cadence: regional.securityInfrastructure ?? silent(fallbackNote, { value: everyYears(2), citation: NATIONAL_SECURITY_AUDIT }),
    },
    {
      kind: 'periodic',
      ruleId: 'R-AUD-11.application',
      title: auditTitle('keamanan', 'Aplikasi Khusus'),
      actor: regional.actor,
      scope: 'application',
      appliesTo: { category: 'khusus' },
      evidence: { types: ['AuditReported'], where: { auditType: 'keamanan' } },
      cadence: regional.securityApplication ?? silent(fallbackNote, { value: everyYears(2), citation: NATIONAL_SECURITY_AUDIT }),
    },
  ];
}

/** Internal security audit before the LATIK audit (BSSN 8/2024) — national, applies everywhere. */
export const nationalInternalBeforeExternal: OrderRule = {
  ruleId: 'R-AUD-06.national',
  title: t('Audit keamanan internal dilaksanakan sebelum audit oleh LATIK', 'The internal security audit precedes the LATIK audit'),
  trigger: { types: ['AuditScheduled'], where: { mode: 'eksternal', auditType: 'keamanan' } },
  requires: { types: ['AuditReported'], where: { mode: 'internal', auditType: 'keamanan' } },
  sameSubject: true,
  citation: NATIONAL_INTERNAL_BEFORE_EXTERNAL,
};

/** Mid-term and final-year reviews of a term (architecture or roadmap) with a given provision. */
export function termReviews(
  scope: 'architecture' | 'roadmap',
  ruleId: string,
  provision: Provision<true>,
  actor: Obligation['actor'],
): Obligation[] {
  const what = scope === 'architecture' ? t('Arsitektur SPBE', 'the SPBE architecture') : t('Peta Rencana SPBE', 'the SPBE roadmap');
  const type = scope === 'architecture' ? 'ArchitectureReviewed' : 'RoadmapReviewed';
  return (['mid-term', 'final-year'] as const).map((window) => ({
    kind: 'term-review' as const,
    ruleId: `${ruleId}.${window}`,
    title:
      window === 'mid-term'
        ? t(`Reviu paruh waktu ${what.id}`, `Mid-term review of ${what.en}`)
        : t(`Reviu tahun terakhir ${what.id}`, `Final-year review of ${what.en}`),
    actor,
    scope,
    window,
    evidence: { types: [type] },
    provision,
  }));
}

export const nationalArchitectureReviews = (note: Text) => silent<true>(note, { value: true, citation: NATIONAL_ARCHITECTURE });
export const nationalRoadmapReviews = (note: Text) => silent<true>(note, { value: true, citation: NATIONAL_ROADMAP });
export const statedTrue = (citation: Citation, note?: Text) => stated<true>(true, citation, note);

/** Order and periodic rules that several regions state in the same shape; each region passes its own article. */
export const testedBeforeLive = (
  citation: Citation,
  title = t('Aplikasi diuji sebelum digunakan pada layanan', 'The application is tested before it goes live'),
  /** Narrows the rule, e.g. Mojokerto Pasal 23(1) covers only Aplikasi Khusus (`{ category: 'khusus' }`). */
  where?: FactMatch['where'],
): OrderRule => ({
  ruleId: 'R-APP-11',
  title,
  trigger: { types: ['ApplicationDeployedToProduction'], ...(where ? { where } : {}) },
  // "wajib melakukan pengujian … sebelum diimplementasikan" (Pasuruan 14(1), Mojokerto 23(1)): a test, passed or not.
  requires: { types: ['ApplicationTested'] },
  sameSubject: true,
  citation,
});

export const ownerApprovalBeforeDinas = (citation: Citation): OrderRule => ({
  ruleId: 'R-DAT-06',
  title: t('Persetujuan PD pemilik data sebelum data dikelola Dinas', "The data-owner PD's approval before the Dinas manages its data"),
  trigger: { types: ['DataManagedByDinas'] },
  requires: { types: ['DataOwnerApprovalGranted'] },
  sameSubject: true,
  sameFields: ['datasetId'],
  citation,
});

export const designatedAfterProposal = (citation: Citation): OrderRule => ({
  ruleId: 'R-DES-01',
  title: t('Penetapan PD Mandiri TIK setelah penilaian kelayakan dan usulan Dinas', 'PD Mandiri TIK designated only after the Dinas assessment and proposal'),
  trigger: { types: ['MandiriTikDesignated'] },
  requires: { types: ['MandiriTikProposed'] },
  sameSubject: true,
  citation,
});

export const lanDiagramYearly = (citation: Citation): Obligation => ({
  kind: 'periodic',
  ruleId: 'R-INF-05',
  title: t('PD menyerahkan diagram infrastruktur LAN terkini kepada Dinas', 'Each PD submits its current LAN infrastructure diagram to the Dinas'),
  actor: 'opd',
  scope: 'unit',
  evidence: { types: ['LanDiagramSubmitted'] },
  cadence: stated(everyYears(1), citation),
});

export const evaluationYearly = (citation: Citation, title = t('Pemantauan dan Evaluasi SPBE', 'SPBE monitoring and evaluation')): Obligation => ({
  kind: 'periodic',
  ruleId: 'R-EVA-02',
  title,
  actor: 'evaluator',
  scope: 'tenant',
  evidence: { types: ['EvaluationCycleFinalized'] },
  cadence: stated(everyYears(1), citation),
});
