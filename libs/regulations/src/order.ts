import { RuleViolationError } from '@spbe/ledger-core';
import { addPeriod, describePeriod } from './dates';
import type { Fact } from './facts';
import type { Citation, OrderRule, RegulationProfile, Text } from './model';
import { factMatches } from './engine';

/**
 * Checks that come from the order of events, not from periods: for each fact that triggers an order
 * rule, the required fact must come before it (same subject, same `sameFields`), at least `minLead`
 * and at most `maxLead` earlier. Facts are in ledger order; on the same date, the earlier fact in
 * the list came first. Pure.
 */
export interface OrderFinding {
  ruleId: string;
  title: Text;
  citation: Citation;
  triggerEventId: string;
  status: 'ok' | 'violated';
  evidence: string[];
  reason?: Text;
}

export function checkOrder(profile: RegulationProfile, facts: Fact[]): OrderFinding[] {
  return profile.orderRules.flatMap((rule) =>
    facts.flatMap((f, i) => (factMatches(f, rule.trigger) ? [checkOne(rule, f, facts.slice(0, i))] : [])),
  );
}

/** Whether `trigger` (about to be recorded, or recorded) respects `rule`, given the facts before it. */
export function checkOne(rule: OrderRule, trigger: Fact, before: Fact[]): OrderFinding {
  const head = { ruleId: rule.ruleId, title: rule.title, citation: rule.citation, triggerEventId: trigger.eventId };
  const candidates = before.filter(
    (f) =>
      factMatches(f, rule.requires) &&
      f.date <= trigger.date &&
      (!rule.sameSubject || (f.subject.kind === trigger.subject.kind && f.subject.id === trigger.subject.id)) &&
      (rule.sameFields ?? []).every((k) => f.data?.[k] === trigger.data?.[k]),
  );
  if (candidates.length === 0) {
    return { ...head, status: 'violated', evidence: [], reason: { id: `Belum ada ${rule.requires.types.join('/')} sebelumnya.`, en: `No prior ${rule.requires.types.join('/')}.` } };
  }
  const latestAllowed = rule.minLead ? addPeriod(trigger.date, rule.minLead, -1) : trigger.date;
  const earliestAllowed = rule.maxLead ? addPeriod(trigger.date, rule.maxLead, -1) : '0000-01-01';
  const fitting = candidates.filter((f) => f.date <= latestAllowed && f.date >= earliestAllowed);
  if (fitting.length > 0) return { ...head, status: 'ok', evidence: fitting.map((f) => f.eventId) };
  if (rule.minLead && candidates.every((f) => f.date > latestAllowed)) {
    const lead = describePeriod(rule.minLead);
    return { ...head, status: 'violated', evidence: [], reason: { id: `Harus paling lambat ${lead} sebelumnya (${latestAllowed}).`, en: `Must be at least ${lead} before (by ${latestAllowed}).` } };
  }
  const lead = describePeriod(rule.maxLead ?? {});
  return { ...head, status: 'violated', evidence: [], reason: { id: `Harus paling lama ${lead} sebelumnya (sejak ${earliestAllowed}).`, en: `Must be at most ${lead} before (on or after ${earliestAllowed}).` } };
}

/**
 * Write-side guard: refuses to record `trigger` when a rule of the profile it falls under is not met,
 * with the article in the error (HTTP 422); returns the findings of the rules it met (their citations
 * are the recorded event's legal basis).
 */
export function assertOrder(profile: RegulationProfile, trigger: Fact, before: Fact[]): OrderFinding[] {
  const findings: OrderFinding[] = [];
  for (const rule of profile.orderRules) {
    if (!factMatches(trigger, rule.trigger)) continue;
    const finding = checkOne(rule, trigger, before);
    if (finding.status === 'violated') {
      throw new RuleViolationError('ORDER_RULE_VIOLATED', `${rule.title.id} / ${rule.title.en}: ${finding.reason?.id} / ${finding.reason?.en}`, rule.citation, { ruleId: rule.ruleId });
    }
    findings.push(finding);
  }
  return findings;
}
