import type { Text } from './model';

/**
 * Which article each event type of the ledger carries as its `legalBasis` (issue 15 item 13), and why
 * where it carries none. Pure data; docs/regulations.md prints it, and tests check that every event
 * type the code records is listed here and that the `always` ones carry an article.
 *
 * - `always`: a regulation governs the decision in every profile where it can be recorded; the event
 *   carries the regional article (or the national one the domain pack holds, or the Pemda's decree
 *   where it decided what its regulation leaves open).
 * - `where-ruled`: it carries the article of the profile's rule where the profile has one (a gate, an
 *   order rule, an obligation whose evidence it is) and none where the regulation is silent — the
 *   product does not invent a basis.
 * - `none`: no article governs it; the reason says why.
 */
export type LegalBasisCoverage = 'always' | 'where-ruled' | 'none';

export interface EventLegalBasis {
  coverage: LegalBasisCoverage;
  /** Which article (always / where-ruled), or why none (none). */
  note: Text;
}

const always = (id: string, en: string): EventLegalBasis => ({ coverage: 'always', note: { id, en } });
const whereRuled = (id: string, en: string): EventLegalBasis => ({ coverage: 'where-ruled', note: { id, en } });
const none = (id: string, en: string): EventLegalBasis => ({ coverage: 'none', note: { id, en } });

const DUTY = (id: string, en: string) => [`Pasal yang menetapkan ${id} dalam profil`, `The profile's article naming who ${en}`] as const;

export const EVENT_LEGAL_BASIS: Record<string, EventLegalBasis> = {
  // registry: the Pemda and its organisation
  TenantRegistered: always('Pasal mulai berlakunya peraturan yang diadopsi (mis. Kupang Pasal 57), atau keputusan Pemda bila salinan tidak memuat tanggal', "The in-force article of the adopted regulation (e.g. Kupang Pasal 57), or the Pemda's decree where the copy has no date"),
  ProfileValueOverridden: always('Keputusan Pemda yang menetapkan nilai itu', "The Pemda's decree that sets the value"),
  UnitRegistered: none(
    'Perangkat Daerah dibentuk dengan Perda tentang perangkat daerah (SOTK), bukan dengan peraturan SPBE; peraturan SPBE hanya mendefinisikan istilahnya (Pasal 1)',
    "Perangkat Daerah are set up by the Pemda's regional regulation on its organisation (SOTK), not by the SPBE regulation, which only defines the term (Pasal 1)",
  ),
  OfficialAppointed: whereRuled('Pasal yang menetapkan jabatan/tim itu dalam profil (mis. Kupang Pasal 51(7), 47(7), 53(4))', 'The article establishing the position or team in the profile (e.g. Kupang Pasal 51(7), 47(7), 53(4))'),
  AppointmentEnded: whereRuled('Pasal jabatan/tim yang sama dengan penetapannya', 'The same article as the appointment'),
  // registry: architecture and roadmap
  ArchitectureEnacted: always(...DUTY('penetap Arsitektur SPBE', 'enacts the SPBE architecture')),
  RoadmapEnacted: always(...DUTY('penetap Peta Rencana SPBE', 'enacts the SPBE roadmap')),
  ArchitectureReviewed: always(...DUTY('pelaksana reviu', 'reviews the architecture')),
  RoadmapReviewed: always(...DUTY('pelaksana reviu Peta Rencana', 'reviews the roadmap')),
  ArchitectureMonitoringEvaluated: always('Pasal monitoring dan evaluasi tahunan (Pasuruan Pasal 5(4))', 'The annual monitoring and evaluation article (Pasuruan Pasal 5(4))'),
  ArchitectureAmended: always(...DUTY('penetap perubahan', 'decides architecture changes')),
  RoadmapAmended: always(...DUTY('penetap perubahan Peta Rencana', 'decides roadmap changes')),
  BusinessProcessReviewed: always('Pasal kewajiban reviu proses bisnis (Kupang Pasal 14(2))', 'The business-process review duty (Kupang Pasal 14(2))'),
  NetworkServiceReviewed: always('Pasal kewajiban reviu Jaringan Intra (Kupang Pasal 23(8))', 'The Jaringan Intra review duty (Kupang Pasal 23(8))'),
  DataCentreServiceReviewed: always('Pasal kewajiban reviu pusat data (Kupang Pasal 19(13))', 'The data-centre review duty (Kupang Pasal 19(13))'),
  // registry: catalogue
  ApplicationRegistered: whereRuled('Pasal gerbang yang disyaratkan (mis. PD Mandiri TIK, Kupang Pasal 28(1)(c)); tanpa gerbang pendaftaran katalog tidak diatur', 'The article of a required gate (e.g. PD Mandiri TIK, Kupang Pasal 28(1)(c)); without a gate, registering the catalogue entry is not regulated'),
  ApplicationTested: whereRuled('Pasal aturan uji sebelum digunakan (Pasuruan Pasal 14(1), Mojokerto Pasal 23(1))', 'The test-before-live rule (Pasuruan Pasal 14(1), Mojokerto Pasal 23(1))'),
  ApplicationDeployedToProduction: whereRuled('Pasal aturan uji sebelum digunakan yang diperiksa', 'The test-before-live rule it was checked against'),
  PreHandoverTestReported: whereRuled('Pasal uji sebelum serah terima (Dumai Pasal 13(5)(d))', 'The pre-handover test rule (Dumai Pasal 13(5)(d))'),
  ApplicationHandedOver: whereRuled('Pasal aturan serah terima yang diperiksa (Dumai Pasal 13(5)(d))', 'The hand-over rule it was checked against (Dumai Pasal 13(5)(d))'),
  ApplicationServiceEvaluated: whereRuled('Pasal kewajiban evaluasi layanan aplikasi (Dumai Pasal 14(4))', 'The application-service evaluation duty (Dumai Pasal 14(4))'),
  ApplicationRetired: none('Tidak ada peraturan dalam paket yang mengatur penghentian aplikasi', 'No regulation in the pack governs retiring an application'),
  InfrastructureRegistered: whereRuled('Pasal gerbang yang disyaratkan (mis. server sendiri hanya PD Mandiri TIK, Pasuruan Pasal 9(4))', 'The article of a required gate (e.g. own servers only for a PD Mandiri TIK, Pasuruan Pasal 9(4))'),
  LanDiagramSubmitted: whereRuled('Pasal kewajiban diagram LAN (Kupang Pasal 25(1)†, Pasuruan Pasal 17(1))', 'The LAN-diagram duty (Kupang Pasal 25(1)†, Pasuruan Pasal 17(1))'),
  LanChangeReported: none('Tidak ada pasal dalam paket yang mengatur laporan perubahan LAN sebagai keputusan', 'No article in the pack governs a LAN change report as a decision'),
  InfrastructureRetired: none('Tidak ada peraturan dalam paket yang mengatur penghentian infrastruktur', 'No regulation in the pack governs retiring infrastructure'),
  DatasetRegistered: none('Pencatatan inventaris data bukan keputusan yang diatur; kewajiban data (R-DAT-06, R-DAT-09) membawa pasalnya sendiri', 'Recording a data-set inventory entry is not a regulated decision; the data duties (R-DAT-06, R-DAT-09) carry their own articles'),
  DataOwnerApprovalGranted: whereRuled('Pasal persetujuan PD pemilik data (Kupang Pasal 20(2), Pasuruan Pasal 10(2), Mojokerto Pasal 16(2))', "The data-owner PD's approval (Kupang Pasal 20(2), Pasuruan Pasal 10(2), Mojokerto Pasal 16(2))"),
  DataManagedByDinas: whereRuled('Pasal aturan persetujuan sebelum pengelolaan yang diperiksa', 'The approval-before-management rule it was checked against'),
  ServiceRegistered: whereRuled('Pasal daftar layanan SPBE profil bila layanan termuat di dalamnya (mis. Kupang Pasal 35(2))', "The profile's list of SPBE services where the service is listed (e.g. Kupang Pasal 35(2))"),
  // registry: PD Mandiri TIK and approval gates
  MandiriTikApplicationSubmitted: always('Pasal prosedur PD Mandiri TIK (Kupang Pasal 52(1)), atau keputusan kriteria Pemda', "The PD Mandiri TIK procedure article (Kupang Pasal 52(1)), or the Pemda's criteria decree"),
  MandiriTikAssessed: always(...DUTY('penilai kelayakan (Kupang Pasal 52(3), Pasuruan Pasal 19(3))', 'assesses feasibility (Kupang Pasal 52(3), Pasuruan Pasal 19(3))')),
  MandiriTikProposed: always(...DUTY('pengusul (Kupang Pasal 52(5), Pasuruan Pasal 19(5))', 'proposes (Kupang Pasal 52(5), Pasuruan Pasal 19(5))')),
  MandiriTikDesignated: always(...DUTY('penetap (Kupang Pasal 52(7), Pasuruan Pasal 19(6))', 'designates (Kupang Pasal 52(7), Pasuruan Pasal 19(6))')),
  MandiriTikRefused: always(...DUTY('penetap', 'designates')),
  MandiriTikRevoked: always('Dasar hukum pencabutan yang dicatat Pemda (tidak ada peraturan yang mengatur pencabutan)', 'The legal basis of the revocation the Pemda records (no regulation sets a revocation rule)'),
  ApprovalRequested: whereRuled('Pasal gerbang yang mensyaratkannya (mis. Samarinda Pasal 8(2), Dumai Pasal 12(3)); permohonan tanpa gerbang tidak diatur', 'The article of the gate requiring it (e.g. Samarinda Pasal 8(2), Dumai Pasal 12(3)); a request no gate requires is not regulated'),
  ApprovalGiven: whereRuled('Pasal gerbang yang sama', 'The same gate article'),
  ApprovalRefused: whereRuled('Pasal gerbang yang sama', 'The same gate article'),
  GatedDecisionRecorded: whereRuled('Pasal gerbang pertama yang disyaratkan', 'The first gate article required'),
  // audit
  AuditProgrammeApproved: always(...DUTY('perencana Audit TIK (Kupang Pasal 48(1))', 'plans ICT audits (Kupang Pasal 48(1))')),
  AuditProgrammeAdjusted: always(...DUTY('perencana Audit TIK', 'plans ICT audits')),
  LatikRegistered: always('Peraturan BSSN 8/2024 Pasal 4 [T]: audit eksternal oleh LATIK terdaftar dan terakreditasi', 'BSSN Regulation 8/2024 Pasal 4 [T]: external audits by a registered, accredited LATIK'),
  LatikRenewed: always('Peraturan BSSN 8/2024 Pasal 4 [T]', 'BSSN Regulation 8/2024 Pasal 4 [T]'),
  AuditPlanned: always(...DUTY('perencana Audit TIK (Kupang Pasal 48(1))', 'plans ICT audits (Kupang Pasal 48(1))')),
  AuditScheduled: always(...DUTY('perencana Audit TIK', 'plans ICT audits')),
  AuditStarted: always('Pasal pelaksana: tim audit internal untuk audit internal (Kupang Pasal 47(6)), selain itu perencana audit', 'The performer: the internal audit team for an internal audit (Kupang Pasal 47(6)), otherwise the audit planner'),
  AuditReported: always('Pasal pelaksana yang sama', 'The same performer article'),
  AuditClosed: always('Pasal pelaksana yang sama', 'The same performer article'),
  AuditBecameOverdue: whereRuled('Pasal kewajiban audit yang terlambat (mis. Kupang Pasal 48(1)); peristiwa sistem', 'The article of the overdue audit duty (e.g. Kupang Pasal 48(1)); a system event'),
  FindingRecorded: always(...DUTY('perencana Audit TIK', 'plans ICT audits')),
  FollowUpSubmitted: whereRuled(
    'Pasal penindak lanjut hasil audit bila profil menyebutnya (Samarinda Pasal 30(8)); tenggat dan isi tindak lanjut ditetapkan temuan, bukan peraturan',
    "The audit follow-up duty where the profile names one (Samarinda Pasal 30(8)); the follow-up's deadline and content come from the finding, not from a regulation",
  ),
  FollowUpAccepted: always(...DUTY('perencana Audit TIK (verifikasi)', 'plans ICT audits (verification)')),
  FollowUpReturned: always(...DUTY('perencana Audit TIK (verifikasi)', 'plans ICT audits (verification)')),
  FindingClosed: always(...DUTY('perencana Audit TIK', 'plans ICT audits')),
  FindingFollowUpOverdue: none('Tenggat tindak lanjut ditetapkan dalam temuan, tidak oleh peraturan; peristiwa sistem', 'The follow-up deadline is set in the finding, not by a regulation; a system event'),
  // evaluation
  FrameworkVersionRegistered: always('Dasar hukum koreksi yang dicatat Pemda', 'The legal basis of the correction the Pemda records'),
  EvaluationCycleOpened: always(
    'Pasal pelaksana pemantauan dan evaluasi dalam profil (mis. Kupang Pasal 53(3)); bila diam: Perpres 95/2018 Pasal 71(3) (Indeks SPBE) atau PermenPANRB 8/2026 Pasal 5 (Indeks Pemdi)',
    'The monitoring-and-evaluation article of the profile (e.g. Kupang Pasal 53(3)); where silent, Perpres 95/2018 Pasal 71(3) (Indeks SPBE) or PermenPANRB 8/2026 Pasal 5 (Indeks Pemdi)',
  ),
  IndicatorAssessed: always('Pasal yang sama dengan pembukaan siklus', 'The same article as the opening of the cycle'),
  AssessmentCorrected: always('Pasal yang sama dengan pembukaan siklus', 'The same article as the opening of the cycle'),
  IndicatorOwnerAssigned: none('Penugasan internal Pemda atas penyiapan bukti; tidak diatur peraturan', "The Pemda's internal assignment of who prepares the evidence; no regulation governs it"),
  EvaluationCycleFinalized: always('Pasal penetap hasil evaluasi dalam profil (mis. Kupang Pasal 53(3)); bila diam: pasal nasional yang sama dengan pembukaan', 'The finaliser article of the profile (e.g. Kupang Pasal 53(3)); where silent, the same national article as the opening'),
  // ledger integrity
  LedgerCheckpointSealed: none('Mekanisme integritas produk, bukan keputusan tata kelola', "The product's integrity mechanism, not a governance decision"),
  LedgerCheckpointCosigned: none('Tanda tangan saksi (Inspektorat) atas checkpoint: mekanisme integritas, bukan keputusan tata kelola', "A witness's (the Inspektorat's) cosignature of a checkpoint: an integrity mechanism, not a governance decision"),
};
