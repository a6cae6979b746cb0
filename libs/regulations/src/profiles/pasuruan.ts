import { cite, everyYears, holder, silent, stated, t } from '../build';
import type { Citation, RegulationProfile } from '../model';
import { auditObligations, nationalArchitectureReviews, nationalInternalBeforeExternal, termReviews, testedBeforeLive, ownerApprovalBeforeDinas, designatedAfterProposal, lanDiagramYearly } from '../national';

/**
 * Peraturan Walikota Pasuruan Nomor 24 Tahun 2021 tentang Sistem Pemerintahan Berbasis Elektronik
 * dalam Penyelenggaraan Pemerintahan Daerah. Source: ../shared/domain/regulations/pasuruan-perwali-24-2021.*
 * and rules-matrix.md. No Audit TIK, no roadmap, no Koordinator SPBE; the Dinas runs M&E.
 */
const ID = 'pasuruan-perwali-24-2021';
const p = (article: string): Citation => cite(ID, article);
const notStated = (id: string, en: string) => silent<never>(t(id, en));

export const pasuruan: RegulationProfile = {
  id: ID,
  identity: {
    authority: 'Walikota Pasuruan',
    instrument: 'Peraturan Walikota',
    number: 24,
    year: 2021,
    title: 'Sistem Pemerintahan Berbasis Elektronik dalam Penyelenggaraan Pemerintahan Daerah',
    region: { name: 'Kota Pasuruan', kind: 'kota', province: 'Jawa Timur' },
    status: 'in-force',
    inForceFrom: '2021-06-21',
    inForceCitation: p('Pasal 27'),
  },
  summary: t(
    'Tanpa Audit TIK dan Peta Rencana; Dinas melakukan monitoring dan evaluasi Arsitektur setiap tahun; PD Mandiri TIK dengan 2 kriteria.',
    'No Audit TIK and no roadmap; the Dinas monitors and evaluates the architecture every year; PD Mandiri TIK with 2 criteria.',
  ),
  roles: {
    koordinatorSpbe: notStated('Koordinator SPBE tidak disebut.', 'No Koordinator SPBE is named.'),
    architectureEnactor: holder('kepala-daerah', p('Pasal 5(2)')),
    architectureReviewer: holder('dinas', p('Pasal 5(4)'), t('Monitoring dan evaluasi setiap tahun.', 'Monitoring and evaluation every year.')),
    architectureChangeDecider: holder('kepala-daerah', p('Pasal 5(7)')),
    roadmapReviewer: notStated('Tidak ada Peta Rencana SPBE.', 'There is no roadmap.'),
    auditPlanner: notStated('Audit TIK tidak diatur.', 'Audit TIK is not regulated.'),
    internalAuditor: notStated('Audit TIK tidak diatur.', 'Audit TIK is not regulated.'),
    auditFollowUp: notStated('Audit TIK tidak diatur.', 'Audit TIK is not regulated.'),
    evaluator: holder('dinas', p('Pasal 24(1)'), t('Dapat dibantu PD terkait (Pasal 24(2)); hasil kepada Walikota melalui Sekda (Pasal 24(4)).', 'May be helped by related PD (Pasal 24(2)); results to the Walikota through the Sekda (Pasal 24(4)).')),
    evaluationFinalizer: holder('dinas', p('Pasal 24(1)'), t('Tidak disebut tersendiri: Dinas yang melaksanakan monitoring dan evaluasi (Pasal 24(1)) mencatat hasil akhirnya; hasil dilaporkan kepada Walikota melalui Sekretaris Daerah (Pasal 24(4)).', 'Not stated separately: the Dinas, which carries out monitoring and evaluation (Pasal 24(1)), records its final result; results are reported to the Walikota through the Sekda (Pasal 24(4)).')),
    mandiriTikAssessor: holder('dinas', p('Pasal 19(3)')),
    mandiriTikProposer: holder('dinas', p('Pasal 19(5)'), t('"Dinas mengusulkan Perangkat Daerah yang layak … kepada Walikota".', 'The Dinas proposes the eligible Perangkat Daerah to the Walikota.')),
    mandiriTikDesignator: holder('kepala-daerah', p('Pasal 19(6)')),
  },
  mandiriTik: {
    procedure: stated({ optional: true }, p('Pasal 19(1)'), t('"dapat ditetapkan": penilaian Dinas (19(3)) → usulan Dinas (19(5)) → Keputusan Walikota (19(6)).', '"may be designated": Dinas assessment (19(3)) → Dinas proposal (19(5)) → Keputusan Walikota (19(6)).')),
    criteria: stated(
      [
        { id: 'a', text: t('memiliki SDM TIK', 'has ICT staff'), citation: p('Pasal 19(4)(a)') },
        {
          id: 'b',
          text: t('telah memiliki pengalaman membangun, mengelola dan/atau mengembangkan aplikasi SPBE secara mandiri', 'has experience building, managing and/or developing SPBE applications independently'),
          citation: p('Pasal 19(4)(b)'),
        },
      ],
      p('Pasal 19(4)'),
      t('Digabung dengan "dan": kedua kriteria harus dipenuhi.', 'Joined by "dan": both criteria are required.'),
    ),
  },
  gates: [
    { ruleId: 'R-DES-02', action: 'own-server', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: 'kepala-daerah', citation: p('Pasal 9(4)') },
    { ruleId: 'R-DES-02', action: 'aplikasi-khusus-build', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: 'kepala-daerah', citation: p('Pasal 13(5)(c)') },
    { ruleId: 'R-DES-02', action: 'lan-work-by-opd', gate: 'mandiri-tik-designation', term: 'status PD Mandiri TIK', givenBy: 'kepala-daerah', citation: p('Pasal 15(2)(b)') },
    { ruleId: 'R-DAT-06', action: 'data-managed-by-dinas', gate: 'persetujuan', term: 'persetujuan PD pemilik data', givenBy: 'opd', citation: p('Pasal 10(2)') },
  ],
  architecture: {
    artefact: 'arsitektur',
    validity: stated({ years: 5, rpjmdAligned: true }, p('Pasal 5(3)'), t('5 tahun bila sesuai jangka waktu RPJMD (a); kurang dari 5 tahun bila ditetapkan pada tahun berjalan RPJMD (b).', '5 years when aligned with the RPJMD term (a); less when enacted during a running RPJMD year (b).')),
    reviewGrounds: stated([t('perkembangan keadaan', 'changed circumstances'), t('kebutuhan Daerah', 'regional needs'), t('perubahan RPJMD', 'RPJMD change'), t('ketentuan peraturan perundang-undangan', 'legislation')], p('Pasal 5(6)')),
  },
  roadmap: {
    exists: silent(t('Tidak ada Peta Rencana SPBE dalam peraturan ini.', 'The regulation has no roadmap.')),
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
      kind: 'periodic',
      ruleId: 'R-ARC-07',
      title: t('Monitoring dan evaluasi Arsitektur SPBE oleh Dinas setiap tahun', 'Annual monitoring and evaluation of the architecture by the Dinas'),
      actor: 'architectureReviewer',
      scope: 'architecture',
      evidence: { types: ['ArchitectureMonitoringEvaluated'] },
      cadence: stated(everyYears(1), p('Pasal 5(4)')),
    },
    ...termReviews('architecture', 'R-ARC-08', nationalArchitectureReviews(t('Peraturan ini mengatur monitoring dan evaluasi tahunan (Pasal 5(4)), bukan reviu paruh waktu/tahun terakhir.', 'This regulation sets annual M&E (Pasal 5(4)), not mid-term/final-year reviews.')), 'architectureReviewer'),
    lanDiagramYearly(p('Pasal 17(1)')),
  ],
  orderRules: [
    testedBeforeLive(p('Pasal 14(1)'), t('Aplikasi wajib diuji sebelum ditempatkan pada infrastruktur layanan', 'The application is tested before it goes live')),
    ownerApprovalBeforeDinas(p('Pasal 10(2)')),
    designatedAfterProposal(p('Pasal 19(6)')),
    nationalInternalBeforeExternal,
  ],
};
