import type { LegalBasis, Role } from '@spbe/ledger-core';

/**
 * The regulation-profile model. A profile is typed data, not code: every value carries the article
 * it comes from. Where a regulation is silent the profile says so (`silent`) and, when a national rule
 * exists, names it as the fallback (`fallback`), so the product never invents a regional rule.
 */

/** Bilingual text: Indonesian first (what users read), English available. */
export interface Text {
  id: string;
  en: string;
}

/**
 * An article of a regulation, in the event envelope's `legalBasis` shape
 * (`{ regulation: 'kupang-perwali-11-2025', article: 'Pasal 48(1)' }`).
 * `inferred`: the ayat/huruf number is not printed and is inferred from position (Kupang's †).
 * `grade`: for national sources, how well the fact is established (evaluation-frameworks.md):
 * V verified in a legal-text or official source, T third-party material only, D derived.
 */
export interface Citation extends LegalBasis {
  inferred?: boolean;
  grade?: 'V' | 'T' | 'D';
}

/** A decree of the Pemda (Keputusan / Peraturan) by which it records its own decision. */
export interface Decree {
  number: string;
  /** YYYY-MM-DD */
  date: string;
  signer: string;
  title?: string;
}

/** A value the regulation states, with its article. */
export interface Stated<T> {
  kind: 'stated';
  value: T;
  citation: Citation;
  note?: Text;
}

/** The regulation says nothing; a national rule applies when one exists (`fallback`). */
export interface Silent<T> {
  kind: 'silent';
  note: Text;
  fallback?: { value: T; citation: Citation };
}

/** A value the Pemda set by its own later decree, replacing what the profile had. */
export interface PemdaDecision<T> {
  kind: 'pemda-decision';
  value: T;
  citation: Citation;
  decree: Decree;
  replaces: Stated<T> | Silent<T> | PemdaDecision<T>;
}

export type Provision<T> = Stated<T> | Silent<T> | PemdaDecision<T>;

/** The value in force (stated, decided, or the national fallback), with where it comes from. */
export interface Resolved<T> {
  value: T;
  citation: Citation;
  source: 'regional' | 'national-fallback' | 'pemda-decision';
}

export function resolve<T>(p: Provision<T>): Resolved<T> | undefined {
  switch (p.kind) {
    case 'stated':
      return { value: p.value, citation: p.citation, source: 'regional' };
    case 'pemda-decision':
      return { value: p.value, citation: p.citation, source: 'pemda-decision' };
    case 'silent':
      return p.fallback ? { value: p.fallback.value, citation: p.fallback.citation, source: 'national-fallback' } : undefined;
  }
}

/** Bodies that can hold a duty. */
export const HOLDERS = [
  'kepala-daerah', // Walikota / Wali Kota / Bupati
  'sekda',
  'koordinator-spbe',
  'tim-koordinasi',
  'dinas', // Dinas Kominfo / Diskominfo
  'inspektorat',
  'tim-auditor-internal',
  'tim-asesor-internal',
  'bappeda',
  'bagian-organisasi',
  'opd', // each Perangkat Daerah for itself
  'latik', // external audit body
  'pemerintah-daerah', // the Pemda as a whole, where a national rule names no body (Perpres 95/2018 Pasal 58(4))
] as const;
export type Holder = (typeof HOLDERS)[number];

/**
 * Which authenticated role records a decision of each body in the ledger. A decree of the head of
 * region is recorded by the Koordinator SPBE's office (role `koordinator`) with the decree attached.
 * This mapping is the product's, not a regulation's.
 */
export const HOLDER_ROLES: Record<Holder, readonly Role[]> = {
  'kepala-daerah': ['koordinator'],
  sekda: ['koordinator'],
  'koordinator-spbe': ['koordinator'],
  'tim-koordinasi': ['koordinator'],
  dinas: ['dinas'],
  inspektorat: ['inspektorat'],
  'tim-auditor-internal': ['inspektorat', 'dinas'],
  'tim-asesor-internal': ['asesor'],
  bappeda: ['opd'],
  'bagian-organisasi': ['opd'],
  opd: ['opd'],
  latik: ['auditor-eksternal'],
  'pemerintah-daerah': ['koordinator', 'inspektorat', 'dinas'],
};

/** The duties a profile assigns (who is Koordinator SPBE, who plans audits, who designates, …). */
export const DUTIES = [
  'koordinatorSpbe',
  'architectureEnactor',
  'architectureReviewer',
  'architectureChangeDecider',
  'roadmapReviewer',
  'auditPlanner',
  'internalAuditor',
  'auditFollowUp',
  'evaluator',
  'evaluationFinalizer',
  'mandiriTikAssessor',
  'mandiriTikProposer',
  'mandiriTikDesignator',
] as const;
export type Duty = (typeof DUTIES)[number];

export const DUTY_LABELS: Record<Duty, Text> = {
  koordinatorSpbe: { id: 'Koordinator SPBE', en: 'SPBE coordinator' },
  architectureEnactor: { id: 'Penetap Arsitektur SPBE', en: 'Enacts the SPBE architecture' },
  architectureReviewer: { id: 'Pelaksana reviu Arsitektur SPBE', en: 'Reviews the SPBE architecture' },
  architectureChangeDecider: { id: 'Penetap perubahan Arsitektur SPBE', en: 'Decides architecture changes' },
  roadmapReviewer: { id: 'Pelaksana reviu Peta Rencana SPBE', en: 'Reviews the SPBE roadmap' },
  auditPlanner: { id: 'Perencana Audit TIK', en: 'Plans ICT audits' },
  internalAuditor: { id: 'Pelaksana audit TIK internal', en: 'Performs internal ICT audits' },
  auditFollowUp: { id: 'Penindak lanjut hasil Audit TIK', en: 'Follows up audit results' },
  evaluator: { id: 'Pelaksana pemantauan dan evaluasi SPBE', en: 'Runs SPBE monitoring and evaluation' },
  evaluationFinalizer: { id: 'Penetap hasil evaluasi (finalisasi)', en: 'Finalises an evaluation cycle' },
  mandiriTikAssessor: { id: 'Penilai kelayakan PD Mandiri TIK', en: 'Assesses PD Mandiri TIK feasibility' },
  mandiriTikProposer: { id: 'Pengusul PD Mandiri TIK kepada kepala daerah', en: 'Proposes a PD Mandiri TIK to the head of region' },
  mandiriTikDesignator: { id: 'Penetap PD Mandiri TIK', en: 'Designates a PD Mandiri TIK' },
};

/** A PD Mandiri TIK criterion (the exact Indonesian wording, an English gloss, its article). */
export interface Criterion {
  id: string;
  text: Text;
  citation: Citation;
}

export interface MandiriTikProfile {
  /** Assessment → proposal → decree procedure; silent where the regulation defines none. */
  procedure: Provision<{ optional: boolean }>;
  /** All criteria must be met ("dan"). Silent (no fallback) where the regulation defines none. */
  criteria: Provision<Criterion[]>;
}

/** Actions a gate or a designation can condition (registry, audit and budget decisions). */
export const ACTIONS = [
  'plan-budget-finalised',
  'procurement',
  'aplikasi-khusus-build',
  'application-build',
  'application-build-data-centre-access',
  'application-closed-source',
  'application-external-use',
  'application-handover-accepted',
  'lan-work-by-opd',
  'own-server',
  'data-managed-by-dinas',
  'walidata-data-use',
] as const;
export type Action = (typeof ACTIONS)[number];

export const GATE_KINDS = ['rekomendasi', 'persetujuan', 'konsultasi', 'koordinasi', 'izin', 'pertimbangan'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

/**
 * An act of another party that must exist before an action (rules-matrix Table 3).
 * `requiresDesignation`: the acting PD must hold an active PD Mandiri TIK designation (R-DES-02).
 */
export interface Gate {
  ruleId: string;
  action: Action;
  gate: GateKind | 'mandiri-tik-designation';
  /** The Indonesian term the regulation uses, e.g. "rekomendasi Dinas". */
  term: string;
  /** Who gives it; null where the regulation does not name the body (then `note` says so). */
  givenBy: Holder | null;
  citation: Citation;
  note?: Text;
  /**
   * This gate is given (or refused) only on another gate of the same request, already given: Dumai
   * Pasal 12(3), the Sekda's persetujuan "atas rekomendasi Diskominfo".
   */
  after?: GateKind;
}

/** How long a period is. */
export interface Period {
  years?: number;
  months?: number;
}

/**
 * `calendar`: the obligation must be met within each calendar period (1 Jan – 31 Dec for a year;
 * periods of N years counted from the anchor year). `rolling`: the next one is due N years/months
 * after the last one. The regulations never say which (rules-matrix "How to read"), so the window
 * is a product default the Pemda may override.
 */
export type Window = 'calendar' | 'rolling';

export const SCOPES = ['tenant', 'unit', 'application', 'infrastructure', 'architecture', 'roadmap'] as const;
export type Scope = (typeof SCOPES)[number];

/** Matches a fact: its type is one of `types` and every `where` field equals the fact's data. */
export interface FactMatch {
  types: string[];
  where?: Record<string, string | number | boolean>;
}

export interface Cadence {
  every: Period;
  window: Window;
}

/**
 * A periodic obligation: at least once per period, per subject of `scope` (filtered by `appliesTo`
 * on the subject's attributes), shown by a fact matching `evidence`.
 */
export interface PeriodicObligation {
  kind: 'periodic';
  ruleId: string;
  title: Text;
  /**
   * The regulation allows rather than requires it ("dapat ditinjau ulang 2 (dua) tahun sekali",
   * Dumai Pasal 5(3)): shown as fulfilled when done, never as due or overdue.
   */
  optional?: true;
  actor: Duty | Holder;
  scope: Scope;
  appliesTo?: Record<string, string | number | boolean>;
  evidence: FactMatch;
  cadence: Provision<Cadence>;
}

/**
 * A review due within windows of a term (architecture, roadmap, data centre): mid-term and final
 * year (Perpres 95/2018 Pasal 12 and 19 pattern). The mid-term window is not defined by any text;
 * the product uses the term's middle year (see `termWindows`).
 */
export interface TermReviewObligation {
  kind: 'term-review';
  ruleId: string;
  title: Text;
  actor: Duty | Holder;
  scope: 'architecture' | 'roadmap' | 'tenant';
  window: 'mid-term' | 'final-year';
  evidence: FactMatch;
  provision: Provision<true>;
  /**
   * For a `tenant` review: the term whose mid-term and final year are meant. Silent where the text
   * says "paruh waktu dan tahun terakhir pelaksanaan" without saying of what (Kupang Pasal 19(13));
   * the Pemda sets it by decree (`obligations.<ruleId>.term`). Architecture and roadmap reviews take
   * the term of their own document.
   */
  term?: Provision<{ from: string; to: string }>;
}

export type Obligation = PeriodicObligation | TermReviewObligation;

/**
 * An order-of-events rule: whenever a `trigger` fact exists, a `requires` fact must precede it
 * (on the same subject when `sameSubject`), at least `minLead` before it and at most `maxLead`.
 */
export interface OrderRule {
  ruleId: string;
  title: Text;
  trigger: FactMatch;
  requires: FactMatch;
  sameSubject: boolean;
  /** Data fields that must be equal on the trigger and the required fact (e.g. `auditType`). */
  sameFields?: string[];
  minLead?: Period;
  maxLead?: Period;
  citation: Citation;
}

export interface ArchitectureProfile {
  artefact: 'arsitektur' | 'cetak-biru';
  /** Term length; `rpjmdAligned`: shorter than 5 years when enacted during a running RPJMD. */
  validity: Provision<{ years: number; rpjmdAligned: boolean }>;
  reviewGrounds: Provision<Text[]>;
}

export interface RoadmapProfile {
  exists: Provision<true>;
  validity: Provision<{ years: number }>;
  reviewGrounds: Provision<Text[]>;
}

/** The SPBE services a regulation enumerates (rules-matrix R-SVC-01), as its own words. */
export interface ServiceCatalogue {
  administrative: Provision<string[]>;
  public: Provision<string[]>;
  sectors: Provision<string[]>;
}

export type RegionKind = 'kota' | 'kabupaten';

export interface ProfileIdentity {
  authority: string;
  instrument: string;
  number: number | null;
  year: number;
  title: string;
  region: { name: string; kind: RegionKind; province: string };
  status: 'in-force' | 'draft' | 'pre-promulgation';
  /** YYYY-MM-DD, or null where the copy leaves the date blank (then the Pemda records it on adoption). */
  inForceFrom: string | null;
  inForceCitation: Citation;
  replaces?: string;
}

export interface RegulationProfile {
  id: string;
  identity: ProfileIdentity;
  summary: Text;
  roles: Record<Duty, Provision<Holder>>;
  mandiriTik: MandiriTikProfile;
  gates: Gate[];
  architecture: ArchitectureProfile;
  roadmap: RoadmapProfile;
  services: ServiceCatalogue;
  obligations: Obligation[];
  orderRules: OrderRule[];
}

/** Product settings a Pemda may change by decree (not regulatory values). */
export interface ProfileSettings {
  /** An open obligation counts as `due-soon` this many days before its due date. */
  dueSoonDays: number;
}

export const DEFAULT_SETTINGS: ProfileSettings = { dueSoonDays: 30 };

/** A profile as a tenant applies it: the base profile, its adoption and its later decrees. */
export interface EffectiveProfile extends RegulationProfile {
  baseProfileId: string;
  /** First day the tenant's obligations run from (in force date, or the date the Pemda recorded). */
  validFrom: string;
  validUntil: string | null;
  validFromCitation: Citation;
  /** The decree's article that ended the profile for the tenant (with validUntil). */
  validUntilCitation?: Citation | null;
  settings: ProfileSettings;
  overrides: AppliedOverride[];
}

export interface AppliedOverride {
  path: string;
  value: unknown;
  decree: Decree;
  legalBasis: Citation;
}
