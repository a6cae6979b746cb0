import { cite, DESIGNATOR_NOT_NAMED, holder, silent, stated, t } from '../build';
import type { Citation, RegulationProfile } from '../model';
import { auditObligations, nationalInternalBeforeExternal, termReviews, testedBeforeLive, ownerApprovalBeforeDinas, evaluationYearly } from '../national';

/**
 * Peraturan Bupati Mojokerto Nomor 15 Tahun 2021 tentang Tata Kelola SPBE (pre-promulgation copy:
 * dates blank). Source: ../shared/domain/regulations/mojokerto-perbup-15-2021.* and rules-matrix.md.
 */
const ID = 'mojokerto-perbup-15-2021';
const p = (article: string): Citation => cite(ID, article);
const notStated = (id: string, en: string) => silent<never>(t(id, en));

export const mojokerto: RegulationProfile = {
  id: ID,
  identity: {
    authority: 'Bupati Mojokerto',
    instrument: 'Peraturan Bupati',
    number: 15,
    year: 2021,
    title: 'Tata Kelola Sistem Pemerintahan Berbasis Elektronik',
    region: { name: 'Kabupaten Mojokerto', kind: 'kabupaten', province: 'Jawa Timur' },
    status: 'pre-promulgation',
    inForceFrom: null,
    inForceCitation: p('Pasal 51'),
  },
  summary: t(
    'Bupati mereviu Arsitektur dan Peta Rencana; sebelum persiapan pelaksanaan Audit TIK, Dinas melakukan audit internal paling lambat 1 bulan sebelumnya; rekomendasi Dinas untuk Aplikasi Khusus, LAN dan pengadaan; PD Mandiri TIK tanpa kriteria.',
    'The Bupati reviews the architecture and roadmap; before an Audit TIK is prepared, the Dinas audits internally at the latest 1 month before; Dinas recommendations for Aplikasi Khusus, LAN and procurement; PD Mandiri TIK without criteria.',
  ),
  roles: {
    koordinatorSpbe: notStated('Koordinator SPBE tidak disebut; Bupati sebagai Ketua Tim Koordinasi (Pasal 41(1)).', 'No Koordinator SPBE is named; the Bupati chairs the Tim Koordinasi (Pasal 41(1)).'),
    architectureEnactor: holder('kepala-daerah', p('Pasal 4(2)')),
    architectureReviewer: holder('kepala-daerah', p('Pasal 4(4)')),
    architectureChangeDecider: notStated('Tata cara perubahan tidak diatur.', 'No amendment procedure.'),
    roadmapReviewer: holder('kepala-daerah', p('Pasal 5(3)'), t('Bupati bersama Tim Koordinasi SPBE.', 'The Bupati together with the Tim Koordinasi.')),
    auditPlanner: notStated('Perencana audit tidak disebut.', 'Who plans audits is not stated.'),
    internalAuditor: holder('dinas', p('Pasal 39(5)')),
    auditFollowUp: notStated('Tindak lanjut audit tidak diatur.', 'Audit follow-up is not stated.'),
    evaluator: holder('tim-koordinasi', p('Pasal 49(2)')),
    evaluationFinalizer: holder('tim-koordinasi', p('Pasal 49(2)'), t('Tidak disebut tersendiri: Tim Koordinasi yang melaksanakan pemantauan dan evaluasi (Pasal 49(2)) mencatat hasil akhirnya; hasil disampaikan kepada Bupati (Pasal 49(5)).', 'Not stated separately: the Tim Koordinasi, which carries out monitoring and evaluation (Pasal 49(2)), records its final result; results go to the Bupati (Pasal 49(5)).')),
    mandiriTikAssessor: notStated('PD Mandiri TIK dipakai (Pasal 15(5), 20(3)(b), 20(4)) tetapi tidak didefinisikan.', 'PD Mandiri TIK is used (Pasal 15(5), 20(3)(b), 20(4)) but never defined.'),
    mandiriTikProposer: notStated('Tidak ada prosedur usulan.', 'No proposal procedure.'),
    mandiriTikDesignator: notStated('Tidak ada prosedur penetapan.', 'No designation procedure.'),
  },
  mandiriTik: {
    procedure: silent(t('Status dipakai (Pasal 15(5), 20(3)(b), 20(4)) tanpa definisi, kriteria atau prosedur.', 'The status is used (Pasal 15(5), 20(3)(b), 20(4)) without definition, criteria or procedure.')),
    criteria: silent(t('Tidak ada kriteria; Pemda menetapkan kriterianya sendiri.', 'No criteria; the Pemda sets its own.')),
  },
  gates: [
    { ruleId: 'R-DES-02', action: 'own-server', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: null, citation: p('Pasal 15(5)'), note: DESIGNATOR_NOT_NAMED },
    { ruleId: 'R-DES-02', action: 'lan-work-by-opd', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: null, citation: p('Pasal 20(3)(b)'), note: DESIGNATOR_NOT_NAMED },
    { ruleId: 'R-INF-04', action: 'lan-work-by-opd', gate: 'rekomendasi', term: 'rekomendasi Dinas', givenBy: 'dinas', citation: p('Pasal 20(3)(b)') },
    { ruleId: 'R-APP-05', action: 'aplikasi-khusus-build', gate: 'rekomendasi', term: 'rekomendasi Dinas', givenBy: 'dinas', citation: p('Pasal 22(6)(b)') },
    // Pasal 23(5) ("… harus dapat diperiksa kesesuaian fungsinya serta mendapatkan rekomendasi dari Dinas")
    // does not say which act the recommendation must precede: no gate is set (mojokerto.md §9.3 item 11).
    { ruleId: 'R-PLB-05', action: 'procurement', gate: 'rekomendasi', term: 'rekomendasi Dinas', givenBy: 'dinas', citation: p('Pasal 34(4)'), note: t('"Pengadaan perangkat baru, penambahan dan/atau penggantian": perangkat TIK; teks tidak menyebut subjeknya dan tidak membedakan perangkat keras dan lunak.', '"Procurement of new devices, additions and/or replacements": ICT devices; the text names no subject and does not distinguish hardware from software.') },
    { ruleId: 'R-DAT-06', action: 'data-managed-by-dinas', gate: 'persetujuan', term: 'persetujuan PD pemilik data', givenBy: 'opd', citation: p('Pasal 16(2)') },
  ],
  architecture: {
    artefact: 'arsitektur',
    validity: stated({ years: 5, rpjmdAligned: false }, p('Pasal 4(2)')),
    reviewGrounds: stated(
      [t('perkembangan Arsitektur SPBE Nasional', 'developments of the national architecture'), t('hasil pemantauan dan evaluasi SPBE', 'monitoring and evaluation results'), t('perubahan pada unsur-unsur SPBE', 'change in SPBE elements'), t('perubahan RPJMD', 'RPJMD change')],
      p('Pasal 4(5)'),
    ),
  },
  roadmap: {
    exists: stated(true, p('Pasal 5(2)')),
    validity: stated({ years: 5 }, p('Pasal 5(2)')),
    reviewGrounds: stated(
      [t('perubahan Peta Rencana SPBE Nasional', 'change of the national roadmap'), t('perubahan Rencana Strategis Pemerintah Daerah', 'change of the Renstra'), t('perubahan Arsitektur SPBE', 'change of the architecture'), t('hasil pemantauan dan evaluasi SPBE', 'monitoring and evaluation results')],
      p('Pasal 5(4)'),
    ),
  },
  services: {
    administrative: stated(
      ['perencanaan', 'penganggaran', 'keuangan', 'pengadaan barang dan jasa', 'kepegawaian', 'kearsipan', 'pengelolaan barang milik daerah', 'pengawasan', 'akuntabilitas kinerja', 'layanan lain sesuai dengan kebutuhan internal Pemerintah daerah'],
      p('Pasal 26(2)'),
    ),
    public: silent(t('Layanan publik hanya dirumuskan menurut sektor (Pasal 27(1)).', 'Public services are stated only by sector (Pasal 27(1)).')),
    sectors: stated(
      ['pendidikan', 'pengajaran', 'pekerjaan dan usaha', 'tempat tinggal', 'komunikasi dan informasi', 'lingkungan hidup', 'kesehatan', 'jaminan sosial', 'energi', 'perbankan', 'perhubungan', 'sumber daya alam', 'pariwisata', 'sektor strategis lainnya'],
      p('Pasal 27(1)'),
    ),
  },
  obligations: [
    // Pasal 39(3): Audit TIK by a LATIK; the Dinas does only the internal audit before it (39(5)). The Pemda as a whole holds the duty.
    ...auditObligations({ actor: 'pemerintah-daerah' }),
    ...termReviews('architecture', 'R-ARC-08', stated(true, p('Pasal 4(4)')), 'architectureReviewer'),
    ...termReviews('roadmap', 'R-RDM-06', stated(true, p('Pasal 5(3)')), 'roadmapReviewer'),
    evaluationYearly(p('Pasal 49(2)'), t('Pemantauan dan evaluasi SPBE oleh Tim Koordinasi', 'SPBE monitoring and evaluation by the Tim Koordinasi')),
  ],
  orderRules: [
    {
      // Pasal 39(5): "Sebelum persiapan pelaksanaan audit TIK sebagaimana dimaksud pada ayat (3), Dinas
      // melakukan audit internal paling lambat 1 (satu) bulan sebelumnya." The trigger is the preparation
      // of the LATIK audit (its planning), and the text names neither the object nor the audit type of
      // the internal audit: any internal audit of the Pemda, done by the Dinas (internalAuditor, 39(5)),
      // at least a month before.
      ruleId: 'R-AUD-06',
      title: t('Dinas melakukan audit internal paling lambat 1 bulan sebelum persiapan pelaksanaan Audit TIK oleh LATIK', 'The Dinas audits internally no later than 1 month before an Audit TIK by a LATIK is prepared'),
      trigger: { types: ['AuditPlanned'], where: { mode: 'eksternal' } },
      requires: { types: ['AuditReported'], where: { mode: 'internal' } },
      sameSubject: false,
      minLead: { months: 1 },
      citation: p('Pasal 39(5)'),
    },
    // Ambiguous (mojokerto.md §9.3 item 21): "paling lambat 1 (satu) bulan sebelumnya" may be counted from
    // the preparation or from the audit itself; the product counts from the preparation (the planning),
    // the earlier of the two, so an internal audit that meets it meets either reading.
    // Pasal 23 covers only the PD that builds an Aplikasi Khusus (domain pack, Mojokerto note 12).
    testedBeforeLive(p('Pasal 23(1)'), t('Aplikasi Khusus wajib diuji sebelum digunakan', 'An Aplikasi Khusus is tested before it goes live'), { category: 'khusus' }),
    ownerApprovalBeforeDinas(p('Pasal 16(2)')),
    nationalInternalBeforeExternal,
  ],
};
