import { cite, DESIGNATOR_NOT_NAMED, everyYears, holder, silent, stated, t } from '../build';
import type { Citation, RegulationProfile, Text } from '../model';
import { auditObligations, nationalInternalBeforeExternal, termReviews } from '../national';

/**
 * Draft Peraturan Walikota Samarinda (2023) tentang Penyelenggaraan SPBE Pemerintah Kota Samarinda.
 * Source: ../shared/domain/regulations/samarinda-perwali-draft-2023.* and rules-matrix.md. A draft:
 * number and dates blank, so the Pemda records the date it took effect on adoption.
 */
const ID = 'samarinda-perwali-draft-2023';
const p = (article: string): Citation => cite(ID, article);
const notStated = (id: string, en: string) => silent<never>(t(id, en));

const elements: Text = t('perubahan unsur SPBE (Pasal 5(2)(c)–(j))', 'change in an SPBE element (Pasal 5(2)(c)–(j))');

export const samarinda: RegulationProfile = {
  id: ID,
  identity: {
    authority: 'Walikota Samarinda',
    instrument: 'Peraturan Walikota',
    number: null,
    year: 2023,
    title: 'Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik Pemerintah Kota Samarinda',
    region: { name: 'Kota Samarinda', kind: 'kota', province: 'Kalimantan Timur' },
    status: 'draft',
    inForceFrom: null,
    inForceCitation: p('Pasal 38'),
    replaces: 'Peraturan Walikota Samarinda Nomor 09 Tahun 2018 (Pasal 37)',
  },
  summary: t(
    'Rancangan: Audit TIK internal paling sedikit setahun sekali dan eksternal dua tahun sekali; rekomendasi Dinas wajib untuk rencana dan anggaran SPBE; tanpa kriteria PD Mandiri TIK.',
    'Draft: internal Audit TIK at least yearly and external every two years; a Dinas recommendation is required for SPBE plans and budgets; no PD Mandiri TIK criteria.',
  ),
  roles: {
    koordinatorSpbe: notStated('Disebut (mis. Pasal 7(8), 30(5), 36(5)) tetapi tidak didefinisikan atau ditetapkan; Sekda mengoordinasikan Tim Koordinasi (Pasal 19(2)).', 'Named (e.g. Pasal 7(8), 30(5), 36(5)) but never defined or appointed; the Sekda coordinates the Tim Koordinasi (Pasal 19(2)).'),
    architectureEnactor: holder('kepala-daerah', p('Pasal 6(5)')),
    architectureReviewer: notStated('Pelaksana reviu tidak disebut (Pasal 6(6)).', 'The reviewer is not named (Pasal 6(6)).'),
    architectureChangeDecider: holder('kepala-daerah', p('Pasal 6(8)')),
    roadmapReviewer: notStated('Pelaksana reviu tidak disebut (Pasal 7(6)); Koordinator SPBE menindaklanjuti (Pasal 7(8)).', 'The reviewer is not named (Pasal 7(6)); the Koordinator SPBE follows up (Pasal 7(8)).'),
    auditPlanner: notStated('Perencana audit tidak disebut; auditor internal ditetapkan Koordinator SPBE (Pasal 30(5)).', 'Who plans audits is not stated; internal auditors are appointed by the Koordinator SPBE (Pasal 30(5)).'),
    internalAuditor: holder('tim-auditor-internal', p('Pasal 30(5)'), t('Auditor internal ditetapkan oleh Koordinator SPBE.', 'Internal auditors appointed by the Koordinator SPBE.')),
    auditFollowUp: holder('koordinator-spbe', p('Pasal 30(8)')),
    evaluator: holder('tim-asesor-internal', p('Pasal 36(2)'), t('Tim asesor internal ditetapkan oleh Walikota.', 'Internal assessor team set by the Walikota.')),
    evaluationFinalizer: notStated('Tidak diatur; Koordinator SPBE menindaklanjuti hasil (Pasal 36(5)).', 'Not stated; the Koordinator SPBE follows up the results (Pasal 36(5)).'),
    mandiriTikAssessor: notStated('Status PD Mandiri TIK dipakai (Pasal 15(4)(b), 15(5)) tanpa prosedur.', 'The status is used (Pasal 15(4)(b), 15(5)) without a procedure.'),
    mandiriTikProposer: notStated('Tidak ada prosedur usulan PD Mandiri TIK.', 'No proposal procedure.'),
    mandiriTikDesignator: notStated('Tidak ada prosedur penetapan PD Mandiri TIK.', 'No designation procedure.'),
  },
  mandiriTik: {
    procedure: silent(t('Status dipakai (Pasal 15(4)(b), 15(5)) tanpa definisi, kriteria atau prosedur.', 'The status is used (Pasal 15(4)(b), 15(5)) without definition, criteria or procedure.')),
    criteria: silent(t('Tidak ada kriteria; Pemda menetapkan kriterianya sendiri.', 'No criteria; the Pemda sets its own.')),
  },
  gates: [
    { ruleId: 'R-PLB-02', action: 'plan-budget-finalised', gate: 'rekomendasi', term: 'rekomendasi Dinas', givenBy: 'dinas', citation: p('Pasal 8(2)'), note: t('Tata cara permohonan diatur pedoman Dinas (Pasal 8(3)).', 'The request procedure is set by a Dinas guideline (Pasal 8(3)).') },
    { ruleId: 'R-APP-05', action: 'application-build', gate: 'koordinasi', term: 'koordinasi dengan Dinas', givenBy: 'dinas', citation: p('Pasal 11(3)') },
    { ruleId: 'R-DES-02', action: 'lan-work-by-opd', gate: 'mandiri-tik-designation', term: 'status OPD Mandiri TIK', givenBy: null, citation: p('Pasal 15(4)(b)'), note: DESIGNATOR_NOT_NAMED },
  ],
  architecture: {
    artefact: 'arsitektur',
    validity: stated({ years: 5, rpjmdAligned: true }, p('Pasal 6(4)'), t('5 tahun bila sesuai RPJMD (a); kurang bila ditetapkan pada tahun berjalan RPJMD (b).', '5 years when aligned with the RPJMD (a); less when enacted during a running RPJMD year (b).')),
    reviewGrounds: stated([t('perubahan Arsitektur SPBE Nasional', 'change of the national architecture'), t('hasil pemantauan dan evaluasi SPBE', 'monitoring and evaluation results'), elements, t('perubahan RPJMD', 'RPJMD change')], p('Pasal 6(7)')),
  },
  roadmap: {
    exists: stated(true, p('Pasal 7(5)')),
    validity: stated({ years: 5 }, p('Pasal 7(3)')),
    reviewGrounds: stated(
      [t('perubahan Peta Rencana SPBE Nasional', 'change of the national roadmap'), t('hasil pemantauan dan evaluasi SPBE', 'monitoring and evaluation results'), elements, t('Rencana Pembangunan Jangka Menengah Daerah Kota Samarinda', 'the Samarinda regional medium-term development plan (RPJMD)'), t('perubahan Arsitektur SPBE', 'change of the architecture')],
      p('Pasal 7(7)'),
    ),
  },
  services: {
    administrative: stated(
      ['perencanaan', 'penganggaran', 'keuangan', 'pengadaan barang dan jasa', 'kepegawaian', 'kearsipan', 'pengelolaan barang milik daerah', 'pengawasan internal terkait pemerintah', 'akuntabilitas kinerja organisasi', 'kinerja pegawai'],
      p('Pasal 34(2)'),
    ),
    public: stated(['pengaduan pelayanan publik', 'data terbuka', 'jaringan dokumentasi dan informasi hukum', 'publik sektoral'], p('Pasal 34(3)')),
    sectors: stated(
      [
        'kesehatan', 'perumahan rakyat dan permukiman', 'pekerjaan umum', 'penataan ruang', 'pendidikan', 'pemuda dan olahraga', 'tenaga kerja', 'pangan', 'kelautan dan perikanan', 'pariwisata', 'kehutanan', 'perdagangan',
        'perindustrian', 'koperasi dan usaha kecil menengah', 'ketentraman, ketertiban umum dan perlindungan masyarakat', 'sosial', 'lingkungan hidup', 'perhubungan', 'energi dan sumber daya alam', 'penanaman modal',
        'pemberdayaan masyarakat', 'kebudayaan', 'pemberdayaan perempuan dan perlindungan anak', 'komunikasi dan informasi',
      ],
      p('Pasal 34(4)'),
    ),
  },
  obligations: [
    {
      kind: 'periodic',
      ruleId: 'R-AUD-07',
      title: t('Audit TIK oleh auditor internal paling sedikit 1 tahun sekali', 'Audit TIK by internal auditors at least once a year'),
      actor: 'internalAuditor',
      scope: 'tenant',
      evidence: { types: ['AuditReported'], where: { mode: 'internal' } },
      cadence: stated(everyYears(1), p('Pasal 30(7)')),
    },
    {
      kind: 'periodic',
      ruleId: 'R-AUD-08',
      title: t('Audit TIK oleh auditor eksternal paling sedikit 2 tahun sekali', 'Audit TIK by external auditors at least once every 2 years'),
      actor: 'latik',
      scope: 'tenant',
      evidence: { types: ['AuditReported'], where: { mode: 'eksternal' } },
      cadence: stated(everyYears(2), p('Pasal 30(7)')),
    },
    ...auditObligations({
      actor: 'pemerintah-daerah',
      silentNote: t(
        'Pasal 30(1) mencakup audit infrastruktur, aplikasi dan keamanan, dan Pasal 30(7) menetapkan frekuensinya untuk Pemda secara keseluruhan (R-AUD-07/08); frekuensi per objek tidak diatur.',
        'Pasal 30(1) covers infrastructure, application and security audits and Pasal 30(7) sets their frequency for the Pemda as a whole (R-AUD-07/08); no frequency per audited object is stated.',
      ),
    }),
    ...termReviews('architecture', 'R-ARC-08', stated(true, p('Pasal 6(6)')), 'pemerintah-daerah'),
    ...termReviews('roadmap', 'R-RDM-06', stated(true, p('Pasal 7(6)')), 'pemerintah-daerah'),
  ],
  orderRules: [
    nationalInternalBeforeExternal,
  ],
};
