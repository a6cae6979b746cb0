import { kupang } from './kupang';
import { citationTable } from '../citation-table';

/** Pins every rule of the Kupang profile to its article (a change here must be a deliberate one). */
describe('kupang-perwali-11-2025 profile', () => {
  it('pins every value to its citation', () => {
    expect(citationTable(kupang)).toEqual([
      'identity.inForce 2025-04-15: kupang-perwali-11-2025 Pasal 57',
      'roles.koordinatorSpbe = sekda: kupang-perwali-11-2025 Pasal 51(7)',
      'roles.architectureEnactor = kepala-daerah: kupang-perwali-11-2025 Pasal 7(6)†',
      'roles.architectureReviewer = dinas: kupang-perwali-11-2025 Pasal 8(2)†',
      'roles.architectureChangeDecider = kepala-daerah: kupang-perwali-11-2025 Pasal 8(5)',
      'roles.roadmapReviewer = dinas: kupang-perwali-11-2025 Pasal 11(2)',
      'roles.auditPlanner = inspektorat: kupang-perwali-11-2025 Pasal 48(1)',
      'roles.internalAuditor = tim-auditor-internal: kupang-perwali-11-2025 Pasal 47(6)',
      'roles.auditFollowUp: silent',
      'roles.evaluator = tim-koordinasi: kupang-perwali-11-2025 Pasal 53(3)',
      'roles.evaluationFinalizer = tim-koordinasi: kupang-perwali-11-2025 Pasal 53(3)',
      'roles.mandiriTikAssessor = dinas: kupang-perwali-11-2025 Pasal 52(3)',
      'roles.mandiriTikProposer = dinas: kupang-perwali-11-2025 Pasal 52(5)',
      'roles.mandiriTikDesignator = kepala-daerah: kupang-perwali-11-2025 Pasal 52(7)',
      'mandiriTik.procedure: kupang-perwali-11-2025 Pasal 52(1)',
      'mandiriTik.criteria: kupang-perwali-11-2025 Pasal 52(4)',
      'mandiriTik.criteria.a: kupang-perwali-11-2025 Pasal 52(4)(a)',
      'mandiriTik.criteria.b: kupang-perwali-11-2025 Pasal 52(4)(b)',
      'mandiriTik.criteria.c: kupang-perwali-11-2025 Pasal 52(4)(c)',
      'mandiriTik.criteria.d: kupang-perwali-11-2025 Pasal 52(4)(d)',
      'mandiriTik.criteria.e: kupang-perwali-11-2025 Pasal 52(4)(e)',
      'gates.R-DES-02 aplikasi-khusus-build mandiri-tik-designation: kupang-perwali-11-2025 Pasal 28(1)(c)',
      'gates.R-APP-05 aplikasi-khusus-build konsultasi: kupang-perwali-11-2025 Pasal 28(2)',
      'gates.R-DES-02 lan-work-by-opd mandiri-tik-designation: kupang-perwali-11-2025 Pasal 23(7)(b)†',
      'gates.R-APP-09 application-closed-source pertimbangan: kupang-perwali-11-2025 Pasal 28(4)',
      'gates.R-APP-16 application-external-use persetujuan: kupang-perwali-11-2025 Pasal 29(2)',
      'gates.R-DAT-06 data-managed-by-dinas persetujuan: kupang-perwali-11-2025 Pasal 20(2)',
      'architecture.validity 5y: kupang-perwali-11-2025 Pasal 8(1)†',
      'architecture.reviewGrounds (7): kupang-perwali-11-2025 Pasal 8(3)†',
      'roadmap.exists: kupang-perwali-11-2025 Pasal 10(4)',
      'roadmap.validity 5y: kupang-perwali-11-2025 Pasal 11(1)',
      'roadmap.reviewGrounds (7): kupang-perwali-11-2025 Pasal 11(3)',
      'services.administrative (11): kupang-perwali-11-2025 Pasal 35(2)',
      'services.public (4): kupang-perwali-11-2025 Pasal 36(2)',
      'services.sectors (14): kupang-perwali-11-2025 Pasal 36(3)',
      'obligations.R-AUD-09 every 2y rolling: kupang-perwali-11-2025 Pasal 48(1)',
      'obligations.R-AUD-10 every 2y rolling: kupang-perwali-11-2025 Pasal 49(2)',
      'obligations.R-AUD-11.infrastructure every 2y rolling: kupang-perwali-11-2025 Pasal 50(2)',
      'obligations.R-AUD-11.application every 2y rolling: kupang-perwali-11-2025 Pasal 50(2)',
      'obligations.R-ARC-08.mid-term: kupang-perwali-11-2025 Pasal 8(2)†',
      'obligations.R-ARC-08.final-year: kupang-perwali-11-2025 Pasal 8(2)†',
      'obligations.R-RDM-06.mid-term: kupang-perwali-11-2025 Pasal 11(2)',
      'obligations.R-RDM-06.final-year: kupang-perwali-11-2025 Pasal 11(2)',
      'obligations.R-INF-05 every 1y calendar: kupang-perwali-11-2025 Pasal 25(1)†',
      'obligations.R-ARC-16 every 1y calendar: kupang-perwali-11-2025 Pasal 14(2)',
      'obligations.R-INF-10 every 1y calendar: kupang-perwali-11-2025 Pasal 23(8)',
      'obligations.R-INF-24.mid-term: kupang-perwali-11-2025 Pasal 19(13)',
      'obligations.R-INF-24.mid-term.term: silent',
      'obligations.R-INF-24.final-year: kupang-perwali-11-2025 Pasal 19(13)',
      'obligations.R-INF-24.final-year.term: silent',
      'obligations.R-EVA-02 every 1y calendar: kupang-perwali-11-2025 Pasal 53(2)',
      'orderRules.R-DAT-06: kupang-perwali-11-2025 Pasal 20(2)',
      'orderRules.R-DES-01: kupang-perwali-11-2025 Pasal 52(7)',
      'orderRules.R-AUD-06.national: peraturan-bssn-8-2024 Pasal 24–27 [V]',
    ]);
  });

  it('Pasal 19(13): the Dinas reviews data-centre use at mid-term and final year of a term the text does not name (silent; set by the Pemda)', () => {
    const rules = kupang.obligations.filter((o) => o.ruleId.startsWith('R-INF-24'));
    expect(rules).toMatchObject([
      { kind: 'term-review', window: 'mid-term', actor: 'dinas', scope: 'tenant', evidence: { types: ['DataCentreServiceReviewed'] }, provision: { citation: { article: 'Pasal 19(13)' } }, term: { kind: 'silent' } },
      { kind: 'term-review', window: 'final-year', term: { kind: 'silent' } },
    ]);
  });

  it('Pasal 28(6)(e) lists development stages and sets no test-before-live order; Pasal 52(5) is the proposal', () => {
    expect(kupang.orderRules.map((r) => r.ruleId)).not.toContain('R-APP-11');
    expect(kupang.roles.mandiriTikProposer).toMatchObject({ kind: 'stated', value: 'dinas', citation: { article: 'Pasal 52(5)' } });
  });
});
