import { RuleViolationError } from '@spbe/ledger-core';
import type { Action, Gate, RegulationProfile } from './model';

/**
 * Approval gates (rekomendasi Dinas and similar, rules-matrix Table 3) and the rights only a designated
 * PD Mandiri TIK has (R-DES-02). Pure: the caller states what exists for the acting unit.
 */
export interface GateContext {
  /** The acting unit holds an active PD Mandiri TIK designation. */
  mandiriTik: boolean;
  designationEventId?: string;
  /** Gates given for this decision: the kind and who gave it, with the event that records it. */
  given: { gate: Gate['gate']; eventId: string }[];
}

export interface GateCheck {
  required: Gate[];
  missing: Gate[];
  satisfiedBy: { gate: Gate; eventId: string }[];
}

export function requiredGates(profile: RegulationProfile, action: Action): Gate[] {
  return profile.gates.filter((g) => g.action === action);
}

export function checkGates(profile: RegulationProfile, action: Action, ctx: GateContext): GateCheck {
  const required = requiredGates(profile, action);
  const satisfiedBy: GateCheck['satisfiedBy'] = [];
  const missing: Gate[] = [];
  for (const g of required) {
    const eventId = g.gate === 'mandiri-tik-designation' ? (ctx.mandiriTik ? (ctx.designationEventId ?? '') : undefined) : ctx.given.find((x) => x.gate === g.gate)?.eventId;
    if (eventId === undefined) missing.push(g);
    else satisfiedBy.push({ gate: g, eventId });
  }
  return { required, missing, satisfiedBy };
}

/** Refuses a decision whose gate is missing, naming the article (HTTP 422). */
export function assertGates(profile: RegulationProfile, action: Action, ctx: GateContext): GateCheck {
  const check = checkGates(profile, action, ctx);
  const first = check.missing[0];
  if (first) {
    const what = first.gate === 'mandiri-tik-designation' ? 'hanya PD Mandiri TIK / only a designated PD Mandiri TIK' : `memerlukan ${first.term} / requires ${first.term}`;
    throw new RuleViolationError('GATE_MISSING', `${action}: ${what}`, first.citation, { action, gate: first.gate, ruleId: first.ruleId, missing: check.missing.map((g) => g.ruleId) });
  }
  return check;
}
