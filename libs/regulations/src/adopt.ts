import { ValidationError } from '@spbe/ledger-core';
import { formatCitation } from './citation-table';
import { assertDate } from './dates';
import {
  AppliedOverride,
  Cadence,
  Citation,
  Criterion,
  DEFAULT_SETTINGS,
  Decree,
  DUTIES,
  Duty,
  EffectiveProfile,
  HOLDERS,
  Holder,
  OrderRule,
  Provision,
  Text,
} from './model';
import { testedBeforeLive } from './national';
import { getProfile } from './profiles';
import { assertPeriod, validateProfile } from './validate';

/**
 * How a Pemda applies a profile: it adopts one (the five regional ones, or the national baseline for a
 * Pemda whose own regulation is not encoded) and may later change a value by its own decree. Both are
 * events in the registry (`TenantRegistered`, `ProfileValueOverridden`); this folds them. Pure.
 */
export interface ProfileAdoption {
  profileId: string;
  /** YYYY-MM-DD from which the regulation binds the tenant; required where the profile's copy has no date. */
  inForceFrom?: string | null;
  /**
   * YYYY-MM-DD the tenant was registered in the ledger: where neither the copy nor the Pemda gives the
   * in-force date, obligations are counted from here until the Pemda records the date (`inForceFrom`).
   */
  registeredOn?: string | null;
}

export interface ProfileOverride {
  path: string;
  value: unknown;
  decree: Decree;
  legalBasis: Citation;
}

/**
 * Order rules a Pemda may adopt by its own decree where its regulation sets none (e.g. "test before
 * going live": Samarinda Pasal 12(2) and Kupang Pasal 28(6)(e) say who tests or list the stages, not
 * the order). The adopted rule cites the Pemda's decree, never the regulation.
 */
export const ADOPTABLE_ORDER_RULES: Record<string, (citation: Citation) => OrderRule> = {
  'R-APP-11': (citation) => testedBeforeLive(citation),
};

/** The paths a Pemda can set by decree, with what the value must be. */
export const OVERRIDABLE_PATHS: { pattern: string; value: string }[] = [
  { pattern: 'roles.<duty>', value: `one of: ${HOLDERS.join(', ')}` },
  { pattern: 'obligations.<ruleId>.cadence', value: '{ every: { years?, months? }, window: "calendar" | "rolling" }' },
  { pattern: 'obligations.<ruleId>.window', value: '"calendar" | "rolling"' },
  { pattern: 'obligations.<ruleId>.term', value: '{ from: YYYY-MM-DD, to: YYYY-MM-DD } (the term a Pemda-wide mid-term / final-year review refers to)' },
  { pattern: 'mandiriTik.procedure', value: '{ optional: boolean }' },
  { pattern: 'mandiriTik.criteria', value: '[{ id, text: { id, en } }] (at least one)' },
  { pattern: 'inForceFrom', value: 'YYYY-MM-DD (the promulgation date, where the copy left it blank)' },
  { pattern: 'validUntil', value: 'YYYY-MM-DD (the regulation was revoked or replaced)' },
  { pattern: 'settings.dueSoonDays', value: 'whole number 0–365' },
  { pattern: 'orderRules.<ruleId>', value: `true (adopt) | false (drop); adoptable: ${Object.keys(ADOPTABLE_ORDER_RULES).join(', ')}` },
];

export function assertDecree(d: unknown, field = 'decree'): asserts d is Decree {
  if (!d || typeof d !== 'object') throw new ValidationError(field, 'a decree { number, date, signer } is required');
  const x = d as Record<string, unknown>;
  if (typeof x['number'] !== 'string' || !x['number'].trim()) throw new ValidationError(`${field}.number`, 'is required');
  assertDate(x['date'], `${field}.date`);
  if (typeof x['signer'] !== 'string' || !x['signer'].trim()) throw new ValidationError(`${field}.signer`, 'is required');
}

export function assertCitation(c: unknown, field = 'legalBasis'): asserts c is Citation {
  if (!c || typeof c !== 'object') throw new ValidationError(field, 'a legal basis { regulation, article } is required');
  const x = c as Record<string, unknown>;
  if (typeof x['regulation'] !== 'string' || !x['regulation'].trim()) throw new ValidationError(`${field}.regulation`, 'is required');
  if (typeof x['article'] !== 'string' || !x['article'].trim()) throw new ValidationError(`${field}.article`, 'is required');
}

/** The base profile, adopted: validity from its in-force date or the date the Pemda recorded. */
export function adoptProfile(adoption: ProfileAdoption): EffectiveProfile {
  const base = getProfile(adoption.profileId);
  if (adoption.inForceFrom != null) assertDate(adoption.inForceFrom, 'inForceFrom');
  const validFrom = base.identity.inForceFrom ?? adoption.inForceFrom ?? adoption.registeredOn ?? null;
  if (!validFrom) {
    throw new ValidationError(
      'inForceFrom',
      `${base.id} leaves its promulgation date blank; record the date it took effect (${formatCitation(base.identity.inForceCitation)})`,
    );
  }
  return {
    ...base,
    baseProfileId: base.id,
    validFrom,
    validUntil: null,
    validFromCitation: base.identity.inForceCitation,
    settings: { ...DEFAULT_SETTINGS },
    overrides: [],
  };
}

/** Applies one decree; the result is validated as a whole (a rule may not be left without its role). */
export function applyOverride(profile: EffectiveProfile, o: ProfileOverride): EffectiveProfile {
  assertDecree(o.decree);
  assertCitation(o.legalBasis);
  if (typeof o.path !== 'string') throw new ValidationError('path', 'is required');
  const next = setPath(profile, o);
  validateProfile(next);
  const applied: AppliedOverride = { path: o.path, value: o.value, decree: o.decree, legalBasis: o.legalBasis };
  return { ...next, overrides: [...profile.overrides, applied] };
}

export function effectiveProfile(adoption: ProfileAdoption, overrides: ProfileOverride[] = []): EffectiveProfile {
  return overrides.reduce(applyOverride, adoptProfile(adoption));
}

function decided<T>(previous: Provision<T>, value: T, o: ProfileOverride): Provision<T> {
  return { kind: 'pemda-decision', value, citation: o.legalBasis, decree: o.decree, replaces: previous };
}

function setPath(p: EffectiveProfile, o: ProfileOverride): EffectiveProfile {
  const [head, key, tail, ...rest] = o.path.split('.');
  if (head === 'roles' && key && !tail) return { ...p, roles: { ...p.roles, [asDuty(key)]: decided(p.roles[asDuty(key)], asHolder(o.value), o) } };
  if (head === 'obligations' && key && (tail === 'cadence' || tail === 'window') && rest.length === 0) return setCadence(p, key, tail, o);
  if (head === 'obligations' && key && tail === 'term' && rest.length === 0) return setTerm(p, key, o);
  if (head === 'mandiriTik' && key === 'procedure' && !tail) return { ...p, mandiriTik: { ...p.mandiriTik, procedure: decided(p.mandiriTik.procedure, asProcedure(o.value), o) } };
  if (head === 'mandiriTik' && key === 'criteria' && !tail) return { ...p, mandiriTik: { ...p.mandiriTik, criteria: decided(p.mandiriTik.criteria, asCriteria(o.value, o.legalBasis), o) } };
  if (head === 'inForceFrom' && !key) {
    assertDate(o.value, 'value');
    return { ...p, validFrom: o.value, validFromCitation: o.legalBasis };
  }
  if (head === 'validUntil' && !key) {
    assertDate(o.value, 'value');
    if (o.value < p.validFrom) throw new ValidationError('value', `validUntil ${o.value} is before the profile took effect (${p.validFrom})`);
    return { ...p, validUntil: o.value, validUntilCitation: o.legalBasis };
  }
  if (head === 'orderRules' && key && !tail) return setOrderRule(p, key, o);
  if (head === 'settings' && key === 'dueSoonDays' && !tail) {
    if (!Number.isInteger(o.value) || (o.value as number) < 0 || (o.value as number) > 365) throw new ValidationError('value', 'dueSoonDays must be a whole number from 0 to 365');
    return { ...p, settings: { ...p.settings, dueSoonDays: o.value as number } };
  }
  throw new ValidationError('path', `"${o.path}" cannot be set; settable: ${OVERRIDABLE_PATHS.map((x) => x.pattern).join(', ')}`);
}

function setCadence(p: EffectiveProfile, ruleId: string, what: 'cadence' | 'window', o: ProfileOverride): EffectiveProfile {
  const i = p.obligations.findIndex((x) => x.ruleId === ruleId);
  const rule = p.obligations[i];
  if (!rule) throw new ValidationError('path', `${p.id} has no obligation "${ruleId}"`);
  if (rule.kind !== 'periodic') throw new ValidationError('path', `${ruleId} is a term review; its timing follows the term, not a cadence`);
  const current = rule.cadence.kind === 'silent' ? rule.cadence.fallback?.value : rule.cadence.value;
  let value: Cadence;
  if (what === 'window') {
    if (!current) throw new ValidationError('path', `${ruleId} has no cadence in ${p.id}; set obligations.${ruleId}.cadence instead`);
    value = { every: current.every, window: asWindow(o.value, 'value') };
  } else {
    const v = o.value as Partial<Cadence> | null;
    if (!v || typeof v !== 'object') throw new ValidationError('value', 'a cadence { every: { years?, months? }, window } is required');
    assertPeriod(v.every, 'value.every', o.legalBasis);
    value = { every: { ...(v.every!.years ? { years: v.every!.years } : {}), ...(v.every!.months ? { months: v.every!.months } : {}) }, window: asWindow(v.window, 'value.window') };
  }
  const obligations = [...p.obligations];
  obligations[i] = { ...rule, cadence: decided(rule.cadence, value, o) };
  return { ...p, obligations };
}

/** Sets the term of both windows of a Pemda-wide term review (`R-INF-24` sets `R-INF-24.mid-term` and `.final-year`). */
function setTerm(p: EffectiveProfile, ruleId: string, o: ProfileOverride): EffectiveProfile {
  const v = o.value as { from?: unknown; to?: unknown } | null;
  if (!v || typeof v !== 'object') throw new ValidationError('value', 'a term { from, to } is required');
  assertDate(v.from, 'value.from');
  assertDate(v.to, 'value.to');
  if (v.to < v.from) throw new ValidationError('value.to', `the term ends (${v.to}) before it starts (${v.from})`);
  const term = { from: v.from, to: v.to };
  let found = false;
  const obligations = p.obligations.map((x) => {
    if (x.kind !== 'term-review' || !x.term || (x.ruleId !== ruleId && !x.ruleId.startsWith(`${ruleId}.`))) return x;
    found = true;
    return { ...x, term: decided(x.term, term, o) };
  });
  if (!found) throw new ValidationError('path', `${p.id} has no Pemda-wide term review "${ruleId}" whose term is set by decree`);
  return { ...p, obligations };
}

function setOrderRule(p: EffectiveProfile, ruleId: string, o: ProfileOverride): EffectiveProfile {
  if (typeof o.value !== 'boolean') throw new ValidationError('value', 'must be true (adopt the rule) or false (drop it)');
  const rest = p.orderRules.filter((r) => r.ruleId !== ruleId);
  if (!o.value) {
    if (rest.length === p.orderRules.length) throw new ValidationError('path', `${p.id} has no order rule "${ruleId}"`);
    return { ...p, orderRules: rest };
  }
  const make = ADOPTABLE_ORDER_RULES[ruleId];
  if (!make) throw new ValidationError('path', `order rule "${ruleId}" cannot be adopted; adoptable: ${Object.keys(ADOPTABLE_ORDER_RULES).join(', ')}`);
  return { ...p, orderRules: [...rest, make(o.legalBasis)] };
}

function asWindow(w: unknown, field: string): Cadence['window'] {
  if (w !== 'calendar' && w !== 'rolling') throw new ValidationError(field, 'must be "calendar" or "rolling"');
  return w;
}

function asDuty(k: string): Duty {
  if (!(DUTIES as readonly string[]).includes(k)) throw new ValidationError('path', `unknown role "${k}"; roles: ${DUTIES.join(', ')}`);
  return k as Duty;
}

function asHolder(v: unknown): Holder {
  if (!(HOLDERS as readonly string[]).includes(v as string)) throw new ValidationError('value', `must be one of ${HOLDERS.join(', ')}`);
  return v as Holder;
}

function asProcedure(v: unknown): { optional: boolean } {
  if (!v || typeof v !== 'object' || typeof (v as { optional?: unknown }).optional !== 'boolean') throw new ValidationError('value', 'must be { optional: boolean }');
  return { optional: (v as { optional: boolean }).optional };
}

function asCriteria(v: unknown, citation: Citation): Criterion[] {
  if (!Array.isArray(v) || v.length === 0) throw new ValidationError('value', 'criteria must be a non-empty list of { id, text: { id, en } }');
  const ids = new Set<string>();
  return v.map((c, i) => {
    const x = c as { id?: unknown; text?: Partial<Text> };
    if (typeof x?.id !== 'string' || !x.id.trim()) throw new ValidationError(`value[${i}].id`, 'is required');
    if (ids.has(x.id)) throw new ValidationError(`value[${i}].id`, `duplicate criterion "${x.id}"`);
    ids.add(x.id);
    if (typeof x.text?.id !== 'string' || !x.text.id.trim()) throw new ValidationError(`value[${i}].text.id`, 'the Indonesian wording is required');
    const en = typeof x.text.en === 'string' && x.text.en.trim() ? x.text.en : x.text.id;
    return { id: x.id, text: { id: x.text.id, en }, citation };
  });
}
