import { dumai } from './dumai';
import { citationTable } from '../citation-table';

/** Pins every rule of the dumai-perwako-18-2019 profile to its article (a change here must be a deliberate one). */
describe('dumai-perwako-18-2019 profile', () => {
  it('pins every value to its citation', () => {
    expect(citationTable(dumai)).toEqual([
      'identity.inForce 2019-04-29: dumai-perwako-18-2019 Pasal 24',
      'roles.koordinatorSpbe = sekda: dumai-perwako-18-2019 Pasal 8(2)',
      'roles.architectureEnactor: silent',
      'roles.architectureReviewer: silent',
      'roles.architectureChangeDecider: silent',
      'roles.roadmapReviewer: silent',
      'roles.auditPlanner: silent',
      'roles.internalAuditor: silent',
      'roles.auditFollowUp: silent',
      'roles.evaluator = sekda: dumai-perwako-18-2019 Pasal 8(2)(c)–(d)',
      'roles.evaluationFinalizer = sekda: dumai-perwako-18-2019 Pasal 8(2)(c)–(d)',
      'roles.mandiriTikAssessor: silent',
      'roles.mandiriTikProposer: silent',
      'roles.mandiriTikDesignator: silent',
      'mandiriTik.procedure: silent',
      'mandiriTik.criteria: silent',
      'gates.R-PLB-05 procurement rekomendasi: dumai-perwako-18-2019 Pasal 6(5)',
      'gates.R-APP-05 application-build-data-centre-access izin: dumai-perwako-18-2019 Pasal 11(8)',
      'gates.R-DAT-09 walidata-data-use rekomendasi: dumai-perwako-18-2019 Pasal 12(3)',
      'gates.R-DAT-09 walidata-data-use persetujuan: dumai-perwako-18-2019 Pasal 12(3)',
      'architecture.validity 5y: dumai-perwako-18-2019 Pasal 5(3)',
      'architecture.reviewGrounds: silent',
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
      'obligations.R-ARC-13 (optional) every 2y rolling: dumai-perwako-18-2019 Pasal 5(3)',
      'obligations.R-EVA-10 every 1y calendar: dumai-perwako-18-2019 Pasal 14(4)',
      'orderRules.R-APP-13.penetration: dumai-perwako-18-2019 Pasal 13(5)(d)',
      'orderRules.R-APP-13.performance: dumai-perwako-18-2019 Pasal 13(5)(d)',
      'orderRules.R-APP-13.debugging: dumai-perwako-18-2019 Pasal 13(5)(d)',
      'orderRules.R-AUD-06.national: peraturan-bssn-8-2024 Pasal 24–27 [V]',
    ]);
  });

  it('plans with a cetak biru and has no PD Mandiri TIK procedure', () => {
    expect(dumai.architecture.artefact).toBe('cetak-biru');
    expect(dumai.mandiriTik.procedure.kind).toBe('silent');
    expect(dumai.mandiriTik.criteria.kind).toBe('silent');
  });

  it('bounds each of the three pre-hand-over test reports to one month before hand-over (Pasal 13(5)(d)); Pasal 13(3) only lists SDLC stages (no test-before-live order)', () => {
    for (const test of ['penetration', 'performance', 'debugging']) {
      expect(dumai.orderRules.find((r) => r.ruleId === `R-APP-13.${test}`)).toMatchObject({ maxLead: { months: 1 }, trigger: { types: ['ApplicationHandedOver'] }, requires: { where: { test } } });
    }
    expect(dumai.orderRules.map((r) => r.ruleId)).not.toContain('R-APP-11');
  });

  it('the cetak biru "dapat ditinjau ulang 2 (dua) tahun sekali" (Pasal 5(3)): an optional 2-yearly review, no national mid-term / final-year reviews', () => {
    expect(dumai.obligations.map((o) => o.ruleId)).not.toEqual(expect.arrayContaining(['R-ARC-08.mid-term']));
    expect(dumai.obligations.find((o) => o.ruleId === 'R-ARC-13')).toMatchObject({ kind: 'periodic', optional: true, scope: 'architecture', cadence: { kind: 'stated', value: { every: { years: 2 } }, citation: { article: 'Pasal 5(3)' } } });
  });

  it('Pasal 12(3): the Sekda approves or refuses a data-use request on the Diskominfo recommendation', () => {
    expect(dumai.gates.filter((g) => g.ruleId === 'R-DAT-09')).toMatchObject([
      { action: 'walidata-data-use', gate: 'rekomendasi', givenBy: 'dinas', citation: { article: 'Pasal 12(3)' } },
      { action: 'walidata-data-use', gate: 'persetujuan', givenBy: 'sekda', after: 'rekomendasi', citation: { article: 'Pasal 12(3)' } },
    ]);
  });
});
