import { nasional } from './nasional';
import { citationTable } from '../citation-table';

/** Pins every rule of the nasional-perpres-95-2018 profile to its article (a change here must be a deliberate one). */
describe('nasional-perpres-95-2018 profile', () => {
  it('pins every value to its citation', () => {
    expect(citationTable(nasional)).toEqual([
      'identity.inForce (date not printed): perpres-95-2018 ketentuan penutup (nomor pasal tidak termuat dalam paket domain)',
      'roles.koordinatorSpbe: silent',
      'roles.architectureEnactor: silent',
      'roles.architectureReviewer: silent',
      'roles.architectureChangeDecider: silent',
      'roles.roadmapReviewer: silent',
      'roles.auditPlanner: silent',
      'roles.internalAuditor: silent',
      'roles.auditFollowUp: silent',
      'roles.evaluator: silent',
      'roles.evaluationFinalizer: silent',
      'roles.mandiriTikAssessor: silent',
      'roles.mandiriTikProposer: silent',
      'roles.mandiriTikDesignator: silent',
      'mandiriTik.procedure: silent',
      'mandiriTik.criteria: silent',
      'architecture.validity 5y: silent → national perpres-95-2018 Pasal 12(2) [T]',
      'architecture.reviewGrounds: silent',
      'roadmap.exists: silent → national perpres-95-2018 Pasal 19 [V]',
      'roadmap.validity 5y: silent → national perpres-95-2018 Pasal 19 [V]',
      'roadmap.reviewGrounds: silent',
      'services.administrative: silent',
      'services.public: silent',
      'services.sectors: silent',
      'obligations.R-AUD-09 every 2y rolling: silent → national perpres-95-2018 Pasal 56 [V]',
      'obligations.R-AUD-10: silent',
      'obligations.R-AUD-11.infrastructure every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-AUD-11.application every 2y rolling: silent → national perpres-95-2018 Pasal 58(4) [V]',
      'obligations.R-ARC-08.mid-term: silent → national perpres-95-2018 Pasal 12 [T]',
      'obligations.R-ARC-08.final-year: silent → national perpres-95-2018 Pasal 12 [T]',
      'obligations.R-RDM-06.mid-term: silent → national perpres-95-2018 Pasal 19 [V]',
      'obligations.R-RDM-06.final-year: silent → national perpres-95-2018 Pasal 19 [V]',
      'orderRules.R-AUD-06.national: peraturan-bssn-8-2024 Pasal 24–27 [V]',
    ]);
  });

  it('states no regional value: every role waits for the Pemda decree', () => {
    expect(Object.values(nasional.roles).every((r) => r.kind === 'silent')).toBe(true);
  });
});
