import { ValidationError } from '@spbe/ledger-core';
import { formatCitation } from './citation-table';
import { ACTIONS, Citation, DUTIES, Duty, GATE_KINDS, HOLDERS, Holder, Obligation, Period, RegulationProfile, resolve } from './model';

/**
 * Checks a profile (a built-in one, or one a Pemda changed by decree) for rules that cannot work:
 * a rule naming a role the profile lacks, a period of zero or negative length, an unknown action or
 * body, duplicate rule ids. Throws a ValidationError naming the field and the rule's citation.
 */
export function validateProfile(profile: RegulationProfile): void {
  const seen = new Set<string>();
  for (const o of profile.obligations) {
    const field = `obligations[${o.ruleId}]`;
    if (seen.has(o.ruleId)) throw new ValidationError(`${field}.ruleId`, `duplicate rule id in ${profile.id}`);
    seen.add(o.ruleId);
    const citation = obligationCitation(o);
    assertActor(profile, o.actor, `${field}.actor`, citation);
    if (o.kind === 'periodic') {
      const cadence = resolve(o.cadence);
      if (cadence) assertPeriod(cadence.value.every, `${field}.cadence.every`, cadence.citation);
      if (cadence && cadence.value.window !== 'calendar' && cadence.value.window !== 'rolling') {
        throw new ValidationError(`${field}.cadence.window`, `must be "calendar" or "rolling" (${formatCitation(cadence.citation)})`);
      }
    }
  }
  const orderIds = new Set<string>();
  for (const r of profile.orderRules) {
    const field = `orderRules[${r.ruleId}]`;
    if (orderIds.has(r.ruleId)) throw new ValidationError(`${field}.ruleId`, `duplicate rule id in ${profile.id}`);
    orderIds.add(r.ruleId);
    if (r.minLead) assertPeriod(r.minLead, `${field}.minLead`, r.citation);
    if (r.maxLead) assertPeriod(r.maxLead, `${field}.maxLead`, r.citation);
  }
  profile.gates.forEach((g, i) => {
    const field = `gates[${i}]`;
    if (!(ACTIONS as readonly string[]).includes(g.action)) throw new ValidationError(`${field}.action`, `unknown action "${g.action}" (${formatCitation(g.citation)})`);
    if (g.gate !== 'mandiri-tik-designation' && !(GATE_KINDS as readonly string[]).includes(g.gate)) {
      throw new ValidationError(`${field}.gate`, `unknown gate "${g.gate}" (${formatCitation(g.citation)})`);
    }
    if (g.givenBy === null && !g.note) throw new ValidationError(`${field}.note`, `a gate whose giver the regulation does not name says so (${formatCitation(g.citation)})`);
    if (g.givenBy !== null && !(HOLDERS as readonly string[]).includes(g.givenBy)) throw new ValidationError(`${field}.givenBy`, `unknown body "${g.givenBy}" (${formatCitation(g.citation)})`);
  });
  for (const duty of DUTIES) {
    const r = resolve(profile.roles[duty]);
    if (r && !(HOLDERS as readonly string[]).includes(r.value)) {
      throw new ValidationError(`roles.${duty}`, `unknown body "${String(r.value)}" (${formatCitation(r.citation)})`);
    }
  }
}

export function obligationCitation(o: Obligation): Citation | undefined {
  return (o.kind === 'periodic' ? resolve(o.cadence) : resolve(o.provision))?.citation;
}

export function isDuty(x: string): x is Duty {
  return (DUTIES as readonly string[]).includes(x);
}

/** The body that carries out a rule: a duty resolved through the profile's roles, or a body named directly. */
export function actorHolder(profile: RegulationProfile, actor: Duty | Holder): Holder | undefined {
  return isDuty(actor) ? resolve(profile.roles[actor])?.value : actor;
}

function assertActor(profile: RegulationProfile, actor: string, field: string, citation: Citation | undefined): void {
  const where = citation ? ` (${formatCitation(citation)})` : '';
  if (isDuty(actor)) {
    if (!resolve(profile.roles[actor])) {
      throw new ValidationError(field, `the rule refers to the role "${actor}", which ${profile.id} does not define${where}`);
    }
    return;
  }
  if (!(HOLDERS as readonly string[]).includes(actor)) throw new ValidationError(field, `unknown role or body "${actor}"${where}`);
}

export function assertPeriod(p: Period | undefined, field: string, citation?: Citation): void {
  const where = citation ? ` (${formatCitation(citation)})` : '';
  const ok = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0);
  if (!p || typeof p !== 'object' || !ok(p.years) || !ok(p.months) || (p.years ?? 0) + (p.months ?? 0) <= 0) {
    throw new ValidationError(field, `a period must be a positive whole number of years and/or months, got ${JSON.stringify(p)}${where}`);
  }
}
