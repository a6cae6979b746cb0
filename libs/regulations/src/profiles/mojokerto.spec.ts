import { mojokerto } from './mojokerto';
import { citationTable } from '../citation-table';

/** Pins every rule of the mojokerto-perbup-15-2021 profile to its article (a change here must be a deliberate one). */
describe('mojokerto-perbup-15-2021 profile', () => {
  it('pins every value to its citation', () => {
    expect(citationTable(mojokerto)).toEqual([
      'identity.inForce (date not printed): mojokerto-perbup-15-2021 Pasal 51',
      'roles.koordinatorSpbe: silent',
      'roles.architectureEnactor = kepala-daerah: mojokerto-perbup-15-2021 Pasal 4(2)',
      'roles.architectureReviewer = kepala-daerah: mojokerto-perbup-15-2021 Pasal 4(4)',
      'roles.architectureChangeDecider: silent',
      'roles.roadmapReviewer = kepala-daerah: mojokerto-perbup-15-2021 Pasal 5(3)',
      'roles.auditPlanner: silent',
      'roles.internalAuditor = dinas: mojokerto-perbup-15-2021 Pasal 39(5)',
      'roles.auditFollowUp: silent',
      'roles.evaluator = tim-koordinasi: mojokerto-perbup-15-2021 Pasal 49(2)',
      'roles.evaluationFinalizer = tim-koordinasi: mojokerto-perbup-15-2021 Pasal 49(2)',
      'roles.mandiriTikAssessor: silent',
      'roles.mandiriTikProposer: silent',
      'roles.mandiriTikDesignator: silent',
      'mandiriTik.procedure: silent',
      'mandiriTik.criteria: silent',
      'gates.R-DES-02 own-server mandiri-tik-designation: mojokerto-perbup-15-2021 Pasal 15(5)',
      'gates.R-DES-02 lan-work-by-opd mandiri-tik-designation: mojokerto-perbup-15-2021 Pasal 20(3)(b)',
      'gates.R-INF-04 lan-work-by-opd rekomendasi: mojokerto-perbup-15-2021 Pasal 20(3)(b)',
      'gates.R-APP-05 aplikasi-khusus-build rekomendasi: mojokerto-perbup-15-2021 Pasal 22(6)(b)',
      'gates.R-PLB-05 procurement rekomendasi: mojokerto-perbup-15-2021 Pasal 34(4)',
      'gates.R-DAT-06 data-managed-by-dinas persetujuan: mojokerto-perbup-15-2021 Pasal 16(2)',
      'architecture.validity 5y: mojokerto-perbup-15-2021 Pasal 4(2)',
      'architecture.reviewGrounds (4): mojokerto-perbup-15-2021 Pasal 4(5)',
      'roadmap.exists: mojokerto-perbup-15-2021 Pasal 5(2)',
      'roadmap.validity 5y: mojokerto-perbup-15-2021 Pasal 5(2)',
      'roadmap.reviewGrounds (4): mojokerto-perbup-15-2021 Pasal 5(4)',
      'services.administrative (10): mojokerto-perbup-15-2021 Pasal 26(2)',
      'services.public: silent',
      'services.sectors (14): mojokerto-perbup-15-2021 Pasal 27(1)',
      'obligations.R-AUD-09 every 2y rolling: silent → national perpres-95-2018 Pasal 56 [V]',
      'obligations.R-AUD-10: silent',
      'obligations.R-AUD-11.infrastructure every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-AUD-11.application every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-ARC-08.mid-term: mojokerto-perbup-15-2021 Pasal 4(4)',
      'obligations.R-ARC-08.final-year: mojokerto-perbup-15-2021 Pasal 4(4)',
      'obligations.R-RDM-06.mid-term: mojokerto-perbup-15-2021 Pasal 5(3)',
      'obligations.R-RDM-06.final-year: mojokerto-perbup-15-2021 Pasal 5(3)',
      'obligations.R-EVA-02 every 1y calendar: mojokerto-perbup-15-2021 Pasal 49(2)',
      'orderRules.R-AUD-06: mojokerto-perbup-15-2021 Pasal 39(5)',
      'orderRules.R-APP-11: mojokerto-perbup-15-2021 Pasal 23(1)',
      'orderRules.R-DAT-06: mojokerto-perbup-15-2021 Pasal 16(2)',
      'orderRules.R-AUD-06.national: peraturan-bssn-8-2024 Pasal 24–27 [V]',
    ]);
  });

  it('requires an internal audit at least one month before an external Audit TIK is prepared, of any object and type (Pasal 39(5))', () => {
    const rule = mojokerto.orderRules.find((r) => r.ruleId === 'R-AUD-06')!;
    expect(rule).toMatchObject({ minLead: { months: 1 }, sameSubject: false, trigger: { types: ['AuditPlanned'], where: { mode: 'eksternal' } }, requires: { where: { mode: 'internal' } } });
    expect(rule.sameFields).toBeUndefined();
    expect(rule.requires.where).not.toHaveProperty('auditType');
  });

  it('uses the PD Mandiri TIK status without defining it', () => {
    expect(mojokerto.mandiriTik.criteria.kind).toBe('silent');
    expect(mojokerto.gates.filter((g) => g.gate === 'mandiri-tik-designation').map((g) => g.citation.article)).toEqual(['Pasal 15(5)', 'Pasal 20(3)(b)']);
  });

  it('Pasal 15(5) and 20(3)(b) name no designator: the gates say the regulation is silent', () => {
    for (const g of mojokerto.gates.filter((x) => x.gate === 'mandiri-tik-designation')) expect(g).toMatchObject({ givenBy: null, note: { en: expect.stringContaining('does not name who designates') } });
  });
});
