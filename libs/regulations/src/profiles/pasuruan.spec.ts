import { pasuruan } from './pasuruan';
import { citationTable } from '../citation-table';

/** Pins every rule of the pasuruan-perwali-24-2021 profile to its article (a change here must be a deliberate one). */
describe('pasuruan-perwali-24-2021 profile', () => {
  it('pins every value to its citation', () => {
    expect(citationTable(pasuruan)).toEqual([
      'identity.inForce 2021-06-21: pasuruan-perwali-24-2021 Pasal 27',
      'roles.koordinatorSpbe: silent',
      'roles.architectureEnactor = kepala-daerah: pasuruan-perwali-24-2021 Pasal 5(2)',
      'roles.architectureReviewer = dinas: pasuruan-perwali-24-2021 Pasal 5(4)',
      'roles.architectureChangeDecider = kepala-daerah: pasuruan-perwali-24-2021 Pasal 5(7)',
      'roles.roadmapReviewer: silent',
      'roles.auditPlanner: silent',
      'roles.internalAuditor: silent',
      'roles.auditFollowUp: silent',
      'roles.evaluator = dinas: pasuruan-perwali-24-2021 Pasal 24(1)',
      'roles.evaluationFinalizer = dinas: pasuruan-perwali-24-2021 Pasal 24(1)',
      'roles.mandiriTikAssessor = dinas: pasuruan-perwali-24-2021 Pasal 19(3)',
      'roles.mandiriTikProposer = dinas: pasuruan-perwali-24-2021 Pasal 19(5)',
      'roles.mandiriTikDesignator = kepala-daerah: pasuruan-perwali-24-2021 Pasal 19(6)',
      'mandiriTik.procedure: pasuruan-perwali-24-2021 Pasal 19(1)',
      'mandiriTik.criteria: pasuruan-perwali-24-2021 Pasal 19(4)',
      'mandiriTik.criteria.a: pasuruan-perwali-24-2021 Pasal 19(4)(a)',
      'mandiriTik.criteria.b: pasuruan-perwali-24-2021 Pasal 19(4)(b)',
      'gates.R-DES-02 own-server mandiri-tik-designation: pasuruan-perwali-24-2021 Pasal 9(4)',
      'gates.R-DES-02 aplikasi-khusus-build mandiri-tik-designation: pasuruan-perwali-24-2021 Pasal 13(5)(c)',
      'gates.R-DES-02 lan-work-by-opd mandiri-tik-designation: pasuruan-perwali-24-2021 Pasal 15(2)(b)',
      'gates.R-DAT-06 data-managed-by-dinas persetujuan: pasuruan-perwali-24-2021 Pasal 10(2)',
      'architecture.validity 5y: pasuruan-perwali-24-2021 Pasal 5(3)',
      'architecture.reviewGrounds (4): pasuruan-perwali-24-2021 Pasal 5(6)',
      'roadmap.exists: silent',
      'roadmap.validity: silent',
      'roadmap.reviewGrounds: silent',
      'services.administrative: silent',
      'services.public: silent',
      'services.sectors: silent',
      'obligations.R-AUD-09 every 2y rolling: silent → national perpres-95-2018 Pasal 56 [V]',
      'obligations.R-AUD-10: silent',
      'obligations.R-AUD-11.infrastructure every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-AUD-11.application every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-ARC-07 every 1y calendar: pasuruan-perwali-24-2021 Pasal 5(4)',
      'obligations.R-ARC-08.mid-term: silent → national perpres-95-2018 Pasal 12 [T]',
      'obligations.R-ARC-08.final-year: silent → national perpres-95-2018 Pasal 12 [T]',
      'obligations.R-INF-05 every 1y calendar: pasuruan-perwali-24-2021 Pasal 17(1)',
      'orderRules.R-APP-11: pasuruan-perwali-24-2021 Pasal 14(1)',
      'orderRules.R-DAT-06: pasuruan-perwali-24-2021 Pasal 10(2)',
      'orderRules.R-DES-01: pasuruan-perwali-24-2021 Pasal 19(6)',
      'orderRules.R-AUD-06.national: peraturan-bssn-8-2024 Pasal 24–27 [V]',
    ]);
  });

  it('requires both criteria of Pasal 19(4), joined by "dan"', () => {
    const c = pasuruan.mandiriTik.criteria;
    expect(c.kind === 'stated' && c.value.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('aligns the architecture term with the RPJMD (Pasal 5(3)(a)–(b)) and has no roadmap', () => {
    expect(pasuruan.architecture.validity).toMatchObject({ kind: 'stated', value: { years: 5, rpjmdAligned: true } });
    expect(pasuruan.roadmap.exists.kind).toBe('silent');
  });
});
