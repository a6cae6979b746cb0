import { cite, everyYears, holder, silent, stated, t } from '../build';
import type { Citation, RegulationProfile } from '../model';
import { auditObligations, nationalInternalBeforeExternal, termReviews, ownerApprovalBeforeDinas, designatedAfterProposal, lanDiagramYearly, evaluationYearly } from '../national';

/**
 * Peraturan Wali Kota Kupang Nomor 11 Tahun 2025 tentang Penyelenggaraan SPBE di Lingkungan
 * Pemerintah Kota Kupang. Source: ../shared/domain/regulations/kupang-perwali-11-2025.{txt,md} and
 * rules-matrix.md. Ayat/huruf numbers the text does not print are marked `inferred` (†).
 */
const ID = 'kupang-perwali-11-2025';
const p = (article: string): Citation => cite(ID, article);
const pi = (article: string): Citation => cite(ID, article, { inferred: true });

/**
 * Pasal 19(13): "Dinas melakukan review terhadap penggunaan layanan pusat data pada paruh waktu dan
 * tahun terakhir pelaksanaan atau sewaktu-waktu sesuai dengan kebutuhan." The text does not say of what
 * "pelaksanaan" is the mid-term and final year (no term is set for the data-centre service, and
 * reading it as the Arsitektur's term would be an inference), so the term is silent and the Pemda
 * anchors it by decree (`obligations.R-INF-24.term`); until then the duty shows as not applicable,
 * saying why. Reviews "sewaktu-waktu" (at any time) are recorded the same way and count when they fall
 * in a window. Pasal 19(14) then gives "review layanan pusat data … sebagaimana dimaksud pada ayat (16)" to
 * the Sekretaris Pemerintah Daerah through the Tim Koordinasi, but ayat (16) does not exist (kupang.md X4,
 * A1): the duty of 19(13) stays with the Dinas, and the note says so.
 */
const dataCentreUsageReviews = (['mid-term', 'final-year'] as const).map((window) => ({
  kind: 'term-review' as const,
  ruleId: `R-INF-24.${window}`,
  title: window === 'mid-term' ? t('Reviu paruh waktu penggunaan layanan pusat data oleh Dinas', 'Mid-term review of data-centre service use by the Dinas') : t('Reviu tahun terakhir penggunaan layanan pusat data oleh Dinas', 'Final-year review of data-centre service use by the Dinas'),
  actor: 'dinas' as const,
  scope: 'tenant' as const,
  window,
  evidence: { types: ['DataCentreServiceReviewed'] },
  provision: stated<true>(true, p('Pasal 19(13)')),
  term: silent<{ from: string; to: string }>(
    t(
      'Pasal 19(13) tidak menyebut periode "pelaksanaan" yang dimaksud; Pemda menetapkannya dengan keputusan (obligations.R-INF-24.term). Pasal 19(14) menyebut reviu oleh Sekretaris Pemerintah Daerah melalui Tim Koordinasi SPBE, tetapi merujuk ayat (16) yang tidak ada.',
      'Pasal 19(13) does not say which term "pelaksanaan" refers to; the Pemda sets it by decree (obligations.R-INF-24.term). Pasal 19(14) names a review by the Sekretaris Pemerintah Daerah through the Tim Koordinasi SPBE, but refers to an ayat (16) that does not exist.',
    ),
  ),
}));

export const kupang: RegulationProfile = {
  id: ID,
  identity: {
    authority: 'Wali Kota Kupang',
    instrument: 'Peraturan Wali Kota',
    number: 11,
    year: 2025,
    title: 'Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik di Lingkungan Pemerintah Kota Kupang',
    region: { name: 'Kota Kupang', kind: 'kota', province: 'Nusa Tenggara Timur' },
    status: 'in-force',
    inForceFrom: '2025-04-15',
    inForceCitation: p('Pasal 57'),
    replaces: 'Peraturan Wali Kota Kupang Nomor 22 Tahun 2021 (Pasal 56)',
  },
  summary: t(
    'Inspektorat merencanakan Audit TIK bersama Dinas; Sekda sebagai Koordinator SPBE; PD Mandiri TIK dengan 5 kriteria.',
    'The Inspektorat plans ICT audits with the Dinas; the Sekda is Koordinator SPBE; PD Mandiri TIK with 5 criteria.',
  ),
  roles: {
    koordinatorSpbe: holder('sekda', p('Pasal 51(7)')),
    architectureEnactor: holder('kepala-daerah', pi('Pasal 7(6)')),
    architectureReviewer: holder('dinas', pi('Pasal 8(2)')),
    architectureChangeDecider: holder('kepala-daerah', p('Pasal 8(5)')),
    roadmapReviewer: holder('dinas', p('Pasal 11(2)')),
    auditPlanner: holder('inspektorat', p('Pasal 48(1)'), t('Inspektorat berkoordinasi dengan Dinas.', 'The Inspektorat, in coordination with the Dinas.')),
    internalAuditor: holder('tim-auditor-internal', p('Pasal 47(6)'), t('Tim Auditor TIK internal di bawah koordinasi Inspektorat, ditetapkan dengan Keputusan Wali Kota (Pasal 47(7)).', 'Internal ICT audit team under the Inspektorat, set by Keputusan Wali Kota (Pasal 47(7)).')),
    auditFollowUp: silent(t('Hasil audit dilaporkan Dinas kepada Tim Koordinasi (Pasal 47(9)); penindak lanjut tidak diatur.', 'Results are reported by the Dinas to the Tim Koordinasi (Pasal 47(9)); who follows up is not stated.')),
    evaluator: holder('tim-koordinasi', p('Pasal 53(3)'), t('Dibantu tim asesor internal yang ditetapkan Wali Kota (Pasal 53(4)).', 'With a tim asesor internal set by the Wali Kota (Pasal 53(4)).')),
    evaluationFinalizer: holder('tim-koordinasi', p('Pasal 53(3)'), t('Tidak disebut tersendiri: Tim Koordinasi yang melaksanakan pemantauan dan evaluasi (Pasal 53(3)) mencatat hasil akhirnya; hasil disampaikan kepada Wali Kota melalui Tim Koordinasi (Pasal 53(6)).', 'Not stated separately: the Tim Koordinasi, which carries out monitoring and evaluation (Pasal 53(3)), records its final result; results go to the Wali Kota through the Tim Koordinasi (Pasal 53(6)).')),
    mandiriTikAssessor: holder('dinas', p('Pasal 52(3)')),
    mandiriTikProposer: holder('dinas', p('Pasal 52(5)')),
    mandiriTikDesignator: holder('kepala-daerah', p('Pasal 52(7)')),
  },
  mandiriTik: {
    procedure: stated({ optional: true }, p('Pasal 52(1)'), t('"dapat ditetapkan": penilaian Dinas (52(3)) → usulan Dinas (52(5)) → Keputusan Wali Kota (52(7)).', '"may be designated": Dinas assessment (52(3)) → Dinas proposal (52(5)) → Keputusan Wali Kota (52(7)).')),
    criteria: stated(
      [
        { id: 'a', text: t('kepemilikan SDM TIK', 'has ICT staff'), citation: p('Pasal 52(4)(a)') },
        { id: 'b', text: t('kepemilikan tugas pokok dan fungsi khusus SDM TIK', 'ICT staff with specific main duties and functions'), citation: p('Pasal 52(4)(b)') },
        { id: 'c', text: t('ketersediaan anggaran TIK', 'an ICT budget is available'), citation: p('Pasal 52(4)(c)') },
        {
          id: 'd',
          text: t(
            'kepemilikan kemampuan, mengelola dan/atau mengembangkan aplikasi SPBE secara mandiri serta kemampuan dalam sistem administrator atas layanan yang dimiliki PD',
            'able to manage and/or develop SPBE applications independently, and system-administrator ability for its own services',
          ),
          citation: p('Pasal 52(4)(d)'),
        },
        { id: 'e', text: t('kepemilikan aplikasi', 'owns applications'), citation: p('Pasal 52(4)(e)') },
      ],
      p('Pasal 52(4)'),
      t('Daftar digabung dengan "dan": semua kriteria harus dipenuhi.', 'The list is joined by "dan": every criterion is required.'),
    ),
  },
  gates: [
    { ruleId: 'R-DES-02', action: 'aplikasi-khusus-build', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: 'kepala-daerah', citation: p('Pasal 28(1)(c)') },
    { ruleId: 'R-APP-05', action: 'aplikasi-khusus-build', gate: 'konsultasi', term: 'berkonsultasi kepada Dinas', givenBy: 'dinas', citation: p('Pasal 28(2)') },
    { ruleId: 'R-DES-02', action: 'lan-work-by-opd', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: 'kepala-daerah', citation: pi('Pasal 23(7)(b)') },
    { ruleId: 'R-APP-09', action: 'application-closed-source', gate: 'pertimbangan', term: 'pertimbangan Dinas', givenBy: 'dinas', citation: p('Pasal 28(4)') },
    { ruleId: 'R-APP-16', action: 'application-external-use', gate: 'persetujuan', term: 'persetujuan Dinas', givenBy: 'dinas', citation: p('Pasal 29(2)'), note: t('Untuk aplikasi yang dibangun dan/atau dikembangkan atas biaya Pemerintah Daerah.', 'For applications built and/or developed at the Pemda\'s expense.') },
    { ruleId: 'R-DAT-06', action: 'data-managed-by-dinas', gate: 'persetujuan', term: 'persetujuan PD pemilik data', givenBy: 'opd', citation: p('Pasal 20(2)') },
  ],
  architecture: {
    artefact: 'arsitektur',
    validity: stated({ years: 5, rpjmdAligned: false }, pi('Pasal 8(1)'), t('Tidak dikaitkan dengan periode RPJMD.', 'No link to the RPJMD term is stated.')),
    reviewGrounds: stated(
      [
        t('perkembangan keadaan', 'changed circumstances'),
        t('kebutuhan daerah', 'regional needs'),
        t('penyesuaian dan perubahan Arsitektur SPBE Nasional', 'change of the national architecture'),
        t('hasil Pemantauan dan Evaluasi SPBE', 'monitoring and evaluation results'),
        t('perubahan pada unsur SPBE', 'change in an SPBE element'),
        t('perubahan RPJMD', 'RPJMD change'),
        t('ketentuan perundang-undangan', 'legislation'),
      ],
      pi('Pasal 8(3)'),
    ),
  },
  roadmap: {
    exists: stated(true, p('Pasal 10(4)')),
    validity: stated({ years: 5 }, p('Pasal 11(1)')),
    reviewGrounds: stated(
      [
        t('perkembangan keadaan', 'changed circumstances'),
        t('kebutuhan daerah', 'regional needs'),
        t('perubahan Peta Rencana SPBE Nasional', 'change of the national roadmap'),
        t('perubahan rencana strategis Pemerintah Daerah', 'change of the Renstra'),
        t('perubahan Arsitektur SPBE', 'change of the architecture'),
        t('hasil Pemantauan dan Evaluasi SPBE', 'monitoring and evaluation results'),
        t('ketentuan perundang-undangan', 'legislation'),
      ],
      p('Pasal 11(3)'),
    ),
  },
  services: {
    administrative: stated(
      ['perencanaan', 'penganggaran', 'keuangan', 'pengadaan barang dan jasa', 'kepegawaian', 'kearsipan dinamis', 'pengelolaan barang milik daerah', 'pengawasan internal pemerintah', 'akuntabilitas kinerja organisasi', 'kinerja pegawai', 'layanan lain sesuai dengan kebutuhan internal birokrasi pemerintahan'],
      p('Pasal 35(2)'),
    ),
    public: stated(['pengaduan pelayanan publik', 'data terbuka', 'jaringan dokumentasi dan informasi hukum', 'layanan publik sektor'], p('Pasal 36(2)')),
    sectors: stated(
      ['pendidikan', 'pengajaran', 'pekerjaan dan usaha', 'tempat tinggal', 'komunikasi dan informasi', 'lingkungan hidup', 'kesehatan', 'jaminan sosial', 'energi', 'perbankan', 'perhubungan', 'sumber daya alam', 'pariwisata', 'sektor strategis lainnya'],
      p('Pasal 36(3)'),
    ),
  },
  obligations: [
    ...auditObligations({
      actor: 'auditPlanner',
      infrastructure: stated(everyYears(2), p('Pasal 48(1)'), t('Teks: Inspektorat "merencanakan pelaksanaan" audit; bukti yang dihitung: audit yang dilaporkan.', 'Text: the Inspektorat "plans the execution"; evidence counted: a reported audit.')),
      application: stated(everyYears(2), p('Pasal 49(2)')),
      securityInfrastructure: stated(everyYears(2), p('Pasal 50(2)')),
      securityApplication: stated(everyYears(2), p('Pasal 50(2)')),
    }),
    ...termReviews('architecture', 'R-ARC-08', stated(true, pi('Pasal 8(2)')), 'architectureReviewer'),
    ...termReviews('roadmap', 'R-RDM-06', stated(true, p('Pasal 11(2)')), 'roadmapReviewer'),
    lanDiagramYearly(pi('Pasal 25(1)')),
    {
      kind: 'periodic',
      ruleId: 'R-ARC-16',
      title: t('Reviu proses bisnis oleh Bagian Organisasi', 'Business-process review by the Bagian Organisasi'),
      actor: 'bagian-organisasi',
      scope: 'tenant',
      evidence: { types: ['BusinessProcessReviewed'] },
      cadence: stated(everyYears(1), p('Pasal 14(2)')),
    },
    {
      kind: 'periodic',
      ruleId: 'R-INF-10',
      title: t('Reviu layanan Jaringan Intra oleh Dinas', 'Jaringan Intra service review by the Dinas'),
      actor: 'dinas',
      scope: 'tenant',
      evidence: { types: ['NetworkServiceReviewed'] },
      cadence: stated(everyYears(1), p('Pasal 23(8)')),
    },
    ...dataCentreUsageReviews,
    evaluationYearly(p('Pasal 53(2)')),
  ],
  orderRules: [
    ownerApprovalBeforeDinas(p('Pasal 20(2)')),
    designatedAfterProposal(p('Pasal 52(7)')),
    nationalInternalBeforeExternal,
  ],
};
