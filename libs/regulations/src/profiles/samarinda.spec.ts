import { samarinda } from './samarinda';
import { citationTable } from '../citation-table';

/** Pins every rule of the samarinda-perwali-draft-2023 profile to its article (a change here must be a deliberate one). */
describe('samarinda-perwali-draft-2023 profile', () => {
  it('pins every value to its citation', () => {
    expect(citationTable(samarinda)).toEqual([
      'identity.inForce (date not printed): samarinda-perwali-draft-2023 Pasal 38',
      'roles.koordinatorSpbe: silent',
      'roles.architectureEnactor = kepala-daerah: samarinda-perwali-draft-2023 Pasal 6(5)',
      'roles.architectureReviewer: silent',
      'roles.architectureChangeDecider = kepala-daerah: samarinda-perwali-draft-2023 Pasal 6(8)',
      'roles.roadmapReviewer: silent',
      'roles.auditPlanner: silent',
      'roles.internalAuditor = tim-auditor-internal: samarinda-perwali-draft-2023 Pasal 30(5)',
      'roles.auditFollowUp = koordinator-spbe: samarinda-perwali-draft-2023 Pasal 30(8)',
      'roles.evaluator = tim-asesor-internal: samarinda-perwali-draft-2023 Pasal 36(2)',
      'roles.evaluationFinalizer: silent',
      'roles.mandiriTikAssessor: silent',
      'roles.mandiriTikProposer: silent',
      'roles.mandiriTikDesignator: silent',
      'mandiriTik.procedure: silent',
      'mandiriTik.criteria: silent',
      'gates.R-PLB-02 plan-budget-finalised rekomendasi: samarinda-perwali-draft-2023 Pasal 8(2)',
      'gates.R-APP-05 application-build koordinasi: samarinda-perwali-draft-2023 Pasal 11(3)',
      'gates.R-DES-02 lan-work-by-opd mandiri-tik-designation: samarinda-perwali-draft-2023 Pasal 15(4)(b)',
      'architecture.validity 5y: samarinda-perwali-draft-2023 Pasal 6(4)',
      'architecture.reviewGrounds (4): samarinda-perwali-draft-2023 Pasal 6(7)',
      'roadmap.exists: samarinda-perwali-draft-2023 Pasal 7(5)',
      'roadmap.validity 5y: samarinda-perwali-draft-2023 Pasal 7(3)',
      'roadmap.reviewGrounds (5): samarinda-perwali-draft-2023 Pasal 7(7)',
      'services.administrative (10): samarinda-perwali-draft-2023 Pasal 34(2)',
      'services.public (4): samarinda-perwali-draft-2023 Pasal 34(3)',
      'services.sectors (24): samarinda-perwali-draft-2023 Pasal 34(4)',
      'obligations.R-AUD-07 every 1y calendar: samarinda-perwali-draft-2023 Pasal 30(7)',
      'obligations.R-AUD-08 every 2y rolling: samarinda-perwali-draft-2023 Pasal 30(7)',
      'obligations.R-AUD-09 every 2y rolling: silent → national perpres-95-2018 Pasal 56 [V]',
      'obligations.R-AUD-10: silent',
      'obligations.R-AUD-11.infrastructure every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-AUD-11.application every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-ARC-08.mid-term: samarinda-perwali-draft-2023 Pasal 6(6)',
      'obligations.R-ARC-08.final-year: samarinda-perwali-draft-2023 Pasal 6(6)',
      'obligations.R-RDM-06.mid-term: samarinda-perwali-draft-2023 Pasal 7(6)',
      'obligations.R-RDM-06.final-year: samarinda-perwali-draft-2023 Pasal 7(6)',
      'orderRules.R-AUD-06.national: peraturan-bssn-8-2024 Pasal 24–27 [V]',
    ]);
  });

  it('is a draft without an in-force date: the Pemda records it on adoption (Pasal 38)', () => {
    expect(samarinda.identity).toMatchObject({ status: 'draft', number: null, inForceFrom: null, inForceCitation: { article: 'Pasal 38' } });
  });

  it('has no PD Mandiri TIK criteria and no national fallback for them', () => {
    expect(samarinda.mandiriTik.criteria).toEqual({ kind: 'silent', note: expect.any(Object) });
  });

  it('Pasal 7(7)(d) reads "Rencana Pembangunan Jangka Menengah Daerah Kota Samarinda", not "perubahan RPJMD"', () => {
    const grounds = samarinda.roadmap.reviewGrounds;
    expect(grounds.kind === 'stated' && grounds.value[3].id).toBe('Rencana Pembangunan Jangka Menengah Daerah Kota Samarinda');
  });

  it('Pasal 15(4)(b) uses the OPD Mandiri TIK status without naming who designates: the gate says so', () => {
    const gate = samarinda.gates.find((g) => g.gate === 'mandiri-tik-designation')!;
    expect(gate).toMatchObject({ givenBy: null, citation: { article: 'Pasal 15(4)(b)' } });
    expect(gate.note?.id).toContain('tidak menyebut siapa yang menetapkan');
  });
});
