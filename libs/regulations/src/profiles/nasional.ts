import { cite, silent, t } from '../build';
import type { Duty, Provision, Holder, RegulationProfile } from '../model';
import { DUTIES } from '../model';
import { auditObligations, nationalArchitectureReviews, nationalInternalBeforeExternal, nationalRoadmapReviews, PERPRES_95_2018, termReviews } from '../national';

/**
 * The national baseline for a Pemda whose own SPBE regulation is not one of the encoded five: only
 * the national rules (Perpres 95/2018) apply until the Pemda records its own values by decree
 * (roles, Mandiri TIK criteria, cadences). Every regional value is silent.
 */
const ID = 'nasional-perpres-95-2018';
const regional = t('Belum ada ketentuan daerah yang dicatat; tetapkan dengan keputusan Pemda.', 'No regional rule recorded yet; set it by the Pemda\'s decree.');

const roles = Object.fromEntries(DUTIES.map((d) => [d, silent<Holder>(regional)])) as Record<Duty, Provision<Holder>>;

export const nasional: RegulationProfile = {
  id: ID,
  identity: {
    authority: 'Presiden Republik Indonesia',
    instrument: 'Peraturan Presiden',
    number: 95,
    year: 2018,
    title: 'Sistem Pemerintahan Berbasis Elektronik (baseline nasional untuk Pemda tanpa profil daerah)',
    region: { name: '(Pemda mana pun)', kind: 'kota', province: '-' },
    status: 'in-force',
    inForceFrom: null,
    // Pasal 58(4) (security audits) was cited here by mistake. The domain pack does not hold the
    // Perpres's closing article, so the citation says so instead of guessing its number; a Pemda on
    // this baseline records the date it adopts it.
    inForceCitation: cite(PERPRES_95_2018, 'ketentuan penutup (nomor pasal tidak termuat dalam paket domain)'),
  },
  summary: t(
    'Hanya ketentuan nasional; Pemda mencatat peran, kriteria dan siklusnya sendiri dengan keputusan.',
    'National rules only; the Pemda records its own roles, criteria and cycles by decree.',
  ),
  roles,
  mandiriTik: { procedure: silent(regional), criteria: silent(regional) },
  gates: [],
  architecture: {
    artefact: 'arsitektur',
    validity: silent(regional, { value: { years: 5, rpjmdAligned: false }, citation: cite(PERPRES_95_2018, 'Pasal 12(2)', { grade: 'T' }) }),
    reviewGrounds: silent(regional),
  },
  roadmap: {
    exists: silent(regional, { value: true, citation: cite(PERPRES_95_2018, 'Pasal 19', { grade: 'V' }) }),
    validity: silent(regional, { value: { years: 5 }, citation: cite(PERPRES_95_2018, 'Pasal 19', { grade: 'V' }) }),
    reviewGrounds: silent(regional),
  },
  services: {
    administrative: silent(t('Belum ada daftar layanan yang dicatat Pemda.', 'No service list recorded by the Pemda yet.')),
    public: silent(t('Belum ada daftar layanan yang dicatat Pemda.', 'No service list recorded by the Pemda yet.')),
    sectors: silent(t('Belum ada daftar layanan yang dicatat Pemda.', 'No service list recorded by the Pemda yet.')),
  },
  obligations: [
    ...auditObligations({ actor: 'pemerintah-daerah' }),
    // Who reviews the Pemda architecture rests on a belief ([B], evaluation-frameworks.md) that Pasal 12 has
    // the shape of Pasal 19: the Pemda as a whole holds it until it records its own decision.
    ...termReviews('architecture', 'R-ARC-08', nationalArchitectureReviews(regional), 'pemerintah-daerah'),
    ...termReviews('roadmap', 'R-RDM-06', nationalRoadmapReviews(regional), 'kepala-daerah'),
  ],
  orderRules: [nationalInternalBeforeExternal],
};
