import { cite, everyYears, holder, silent, stated, t } from '../build';
import type { Citation, RegulationProfile } from '../model';
import { auditObligations, nationalInternalBeforeExternal } from '../national';

/**
 * Peraturan Walikota (Perwako) Dumai Nomor 18 Tahun 2019 tentang Tata Kelola Penyelenggaraan SPBE di
 * Lingkungan Pemerintah Kota Dumai. Source: ../shared/domain/regulations/dumai-perwako-18-2019.* and
 * rules-matrix.md. A cetak biru instead of an Arsitektur; no Audit TIK, no roadmap, no Mandiri TIK.
 */
const ID = 'dumai-perwako-18-2019';
const p = (article: string): Citation => cite(ID, article);
const notStated = (id: string, en: string) => silent<never>(t(id, en));

export const dumai: RegulationProfile = {
  id: ID,
  identity: {
    authority: 'Walikota Dumai',
    instrument: 'Peraturan Walikota',
    number: 18,
    year: 2019,
    title: 'Tata Kelola Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik di Lingkungan Pemerintah Kota Dumai',
    region: { name: 'Kota Dumai', kind: 'kota', province: 'Riau' },
    status: 'in-force',
    inForceFrom: '2019-04-29',
    inForceCitation: p('Pasal 24'),
  },
  summary: t(
    'Cetak biru SPBE 5 tahun; Sekda sebagai koordinator dan pelaksana monitoring-evaluasi; rekomendasi Diskominfo wajib untuk setiap pengadaan SPBE; tanpa Audit TIK dan PD Mandiri TIK.',
    'A 5-year SPBE blueprint; the Sekda coordinates and monitors; a Diskominfo recommendation is required for every SPBE procurement; no Audit TIK and no PD Mandiri TIK.',
  ),
  roles: {
    koordinatorSpbe: holder('sekda', p('Pasal 8(2)'), t('Sekda "selaku koordinator".', 'The Sekda "as coordinator".')),
    architectureEnactor: notStated('Penetap cetak biru tidak disebut; Diskominfo menyusun (Pasal 5(2)).', 'Who enacts the blueprint is not stated; Diskominfo drafts it (Pasal 5(2)).'),
    architectureReviewer: notStated('Tidak disebut (cetak biru "dapat ditinjau ulang 2 tahun sekali", Pasal 5(3)).', 'Not stated (the blueprint "may be reviewed every 2 years", Pasal 5(3)).'),
    architectureChangeDecider: notStated('Tidak diatur.', 'Not stated.'),
    roadmapReviewer: notStated('Tidak ada Peta Rencana SPBE.', 'There is no roadmap.'),
    auditPlanner: notStated('Audit TIK tidak diatur (hanya penilaian keamanan, Pasal 23).', 'Audit TIK is not regulated (only a security assessment, Pasal 23).'),
    internalAuditor: notStated('Audit TIK tidak diatur.', 'Audit TIK is not regulated.'),
    auditFollowUp: notStated('Audit TIK tidak diatur.', 'Audit TIK is not regulated.'),
    evaluator: holder('sekda', p('Pasal 8(2)(c)–(d)')),
    evaluationFinalizer: holder('sekda', p('Pasal 8(2)(c)–(d)'), t('Tidak disebut tersendiri: Sekda yang melaksanakan monitoring dan evaluasi (Pasal 8(2)(c)–(d)) mencatat hasil akhirnya.', 'Not stated separately: the Sekda, which carries out monitoring and evaluation (Pasal 8(2)(c)–(d)), records its final result.')),
    mandiriTikAssessor: notStated('Konsep PD Mandiri TIK tidak ada.', 'The PD Mandiri TIK concept is absent.'),
    mandiriTikProposer: notStated('Konsep PD Mandiri TIK tidak ada.', 'The PD Mandiri TIK concept is absent.'),
    mandiriTikDesignator: notStated('Konsep PD Mandiri TIK tidak ada.', 'The PD Mandiri TIK concept is absent.'),
  },
  mandiriTik: {
    procedure: silent(t('Konsep PD Mandiri TIK tidak ada; setiap OPD dapat mengelola infrastruktur pengguna akhir berkoordinasi dengan Diskominfo (Pasal 20(1)–(2)).', 'No PD Mandiri TIK concept; any OPD may run end-user infrastructure in coordination with Diskominfo (Pasal 20(1)–(2)).')),
    criteria: silent(t('Tidak ada kriteria; Pemda menetapkan kriterianya sendiri.', 'No criteria; the Pemda sets its own.')),
  },
  gates: [
    { ruleId: 'R-PLB-05', action: 'procurement', gate: 'rekomendasi', term: 'rekomendasi Diskominfo', givenBy: 'dinas', citation: p('Pasal 6(5)') },
    { ruleId: 'R-APP-05', action: 'application-build-data-centre-access', gate: 'izin', term: 'izin Diskominfo', givenBy: 'dinas', citation: p('Pasal 11(8)') },
    // Pasal 12(3): "Persetujuan atau penolakan atas surat permohonan pemanfaatan data diberikan oleh
    // Sekretaris Daerah atas rekomendasi Diskominfo." Both acts are gates of the same request; the
    // Sekda decides only on a given recommendation (`after`).
    { ruleId: 'R-DAT-09', action: 'walidata-data-use', gate: 'rekomendasi', term: 'rekomendasi Diskominfo', givenBy: 'dinas', citation: p('Pasal 12(3)') },
    { ruleId: 'R-DAT-09', action: 'walidata-data-use', gate: 'persetujuan', term: 'persetujuan Sekretaris Daerah', givenBy: 'sekda', citation: p('Pasal 12(3)'), after: 'rekomendasi' },
  ],
  architecture: {
    artefact: 'cetak-biru',
    validity: stated({ years: 5, rpjmdAligned: false }, p('Pasal 5(3)'), t('Cetak biru 5 tahun; "dapat ditinjau ulang 2 (dua) tahun sekali" (pilihan, bukan kewajiban).', 'Blueprint for 5 years; "may be reviewed every 2 years" (optional, not a duty).')),
    reviewGrounds: silent(t('Alasan reviu tidak diatur.', 'Review grounds are not stated.')),
  },
  roadmap: {
    exists: silent(t('Tidak ada Peta Rencana SPBE (hanya cetak biru).', 'No roadmap (a blueprint only).')),
    validity: silent(t('Tidak ada Peta Rencana SPBE.', 'No roadmap.')),
    reviewGrounds: silent(t('Tidak ada Peta Rencana SPBE.', 'No roadmap.')),
  },
  services: {
    administrative: silent(t('Daftar layanan SPBE tidak diatur.', 'The regulation does not enumerate SPBE services.')),
    public: silent(t('Daftar layanan SPBE tidak diatur.', 'The regulation does not enumerate SPBE services.')),
    sectors: silent(t('Daftar layanan SPBE tidak diatur.', 'The regulation does not enumerate SPBE services.')),
  },
  obligations: [
    ...auditObligations({ actor: 'pemerintah-daerah' }),
    {
      // Pasal 5(3): "Cetak biru SPBE berlaku 5 (lima) tahun dan dapat ditinjau ulang 2 (dua) tahun sekali."
      // Dumai's own rule replaces the national mid-term / final-year reviews of an Arsitektur: a blueprint
      // review every two years that the Pemda may (not must) hold; the reviewer is not named.
      kind: 'periodic',
      ruleId: 'R-ARC-13',
      optional: true,
      title: t('Cetak biru SPBE dapat ditinjau ulang 2 tahun sekali', 'The SPBE blueprint may be reviewed every 2 years'),
      actor: 'pemerintah-daerah',
      scope: 'architecture',
      evidence: { types: ['ArchitectureReviewed'] },
      cadence: stated(everyYears(2), p('Pasal 5(3)'), t('"dapat": pilihan, bukan kewajiban.', '"dapat" (may): optional, not a duty.')),
    },
    {
      kind: 'periodic',
      ruleId: 'R-EVA-10',
      title: t('OPD memonitor dan mengevaluasi layanan aplikasinya', 'Each OPD monitors and evaluates its application services'),
      actor: 'opd',
      scope: 'application',
      evidence: { types: ['ApplicationServiceEvaluated'] },
      cadence: stated(everyYears(1), p('Pasal 14(4)')),
    },
  ],
  orderRules: [
    // Pasal 13(3) lists the SDLC stages (d. uji coba sistem; e. implementasi sistem); it sets no
    // test-before-live duty, so no such order rule (as for Kupang Pasal 28(6)(e)). Pasal 13(5)(d): the
    // hand-over documents include the reports of the penetration, performance and debugging tests,
    // each held at most a month before the hand-over.
    ...(['penetration', 'performance', 'debugging'] as const).map((test) => ({
      ruleId: `R-APP-13.${test}`,
      title: t(`Laporan uji ${test} paling lama 1 bulan sebelum serah terima`, `${test} test report at most 1 month before hand-over`),
      trigger: { types: ['ApplicationHandedOver'] },
      requires: { types: ['PreHandoverTestReported'], where: { test } },
      sameSubject: true,
      maxLead: { months: 1 },
      citation: p('Pasal 13(5)(d)'),
    })),
    nationalInternalBeforeExternal,
  ],
};
