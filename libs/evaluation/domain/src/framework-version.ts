import { Decider, EventEnvelope, InvariantError, NewEvent, Role, streamIdOf, ValidationError } from '@spbe/ledger-core';
import { assertEntityId, text } from '@spbe/registry-domain';
import { assertCitation, Citation } from '@spbe/regulations';
import { Framework, FRAMEWORKS } from './frameworks';
import { parseDecimal } from './index-computation';

/**
 * A corrected framework version a Pemda registers by event (e.g. when an official Lampiran corrects a
 * weight): a new id based on a national framework, with the replaced weights, predicates or names and
 * the legal basis; the old version is never edited and cycles keep the version they were opened on.
 */
export interface FrameworkCorrection {
  indicatorWeights?: Record<string, number>;
  aspectWeights?: Record<string, number>;
  domainWeights?: Record<string, number>;
  predicates?: { predicate: string; min: string }[];
}

export interface FrameworkVersionState {
  framework?: Framework;
}

export interface RegisterFrameworkVersion {
  type: 'RegisterFrameworkVersion';
  frameworkId: string;
  basedOn: string;
  correction: FrameworkCorrection;
  reason: string;
  legalBasis: Citation;
  role: Role;
}

export const frameworkVersionStreamId = (tenantId: string, frameworkId: string) => streamIdOf({ tenantId, context: 'evaluation', aggregate: 'framework', id: frameworkId });

const pick = <T extends { id: number; weight: number }>(items: T[], changes: Record<string, number> | undefined, field: string): T[] =>
  items.map((x) => {
    const w = changes?.[String(x.id)];
    if (w === undefined) return x;
    if (!Number.isInteger(w) || w <= 0) throw new ValidationError(`${field}.${x.id}`, 'a weight is a positive whole number of hundredths of a percent (1.30 % = 130)');
    return { ...x, weight: w };
  });

/** Applies a correction and checks the result still nests: indicators sum to their aspect, aspects to 100 %. */
export function correctedFramework(base: Framework, id: string, c: FrameworkCorrection): Framework {
  const known = (keys: string[] | undefined, ids: number[], field: string) => (keys ?? []).forEach((k) => { if (!ids.includes(Number(k))) throw new ValidationError(`${field}.${k}`, `unknown in ${base.id}`); });
  known(Object.keys(c.indicatorWeights ?? {}), base.indicators.map((i) => i.no), 'correction.indicatorWeights');
  known(Object.keys(c.aspectWeights ?? {}), base.aspects.map((a) => a.id), 'correction.aspectWeights');
  known(Object.keys(c.domainWeights ?? {}), base.domains.map((d) => d.id), 'correction.domainWeights');
  const indicators = pick(base.indicators.map((i) => ({ ...i, id: i.no })), c.indicatorWeights, 'correction.indicatorWeights').map(({ id: _id, ...i }) => i);
  const aspects = pick(base.aspects, c.aspectWeights, 'correction.aspectWeights');
  const domains = pick(base.domains, c.domainWeights, 'correction.domainWeights');
  if (aspects.reduce((s, a) => s + a.weight, 0) !== 10000) throw new ValidationError('correction.aspectWeights', 'aspect weights must sum to 100 %');
  for (const a of aspects) if (indicators.filter((i) => i.aspectId === a.id).reduce((s, i) => s + i.weight, 0) !== a.weight) throw new ValidationError('correction.indicatorWeights', `indicators of aspect ${a.id} must sum to its weight`);
  for (const d of domains) if (aspects.filter((a) => a.domainId === d.id).reduce((s, a) => s + a.weight, 0) !== d.weight) throw new ValidationError('correction.domainWeights', `aspects of domain ${d.id} must sum to its weight`);
  const predicates = c.predicates ?? base.predicates;
  predicates.forEach((p, i) => {
    if (!/^\d+(\.\d+)?$/.test(String(p?.min)) || typeof p?.predicate !== 'string') throw new ValidationError(`correction.predicates[${i}]`, 'a predicate is { predicate, min: "4.2" }');
    if (i > 0 && parseDecimal(p.min).num * parseDecimal(predicates[i - 1].min).den >= parseDecimal(predicates[i - 1].min).num * parseDecimal(p.min).den) throw new ValidationError(`correction.predicates[${i}].min`, 'thresholds go from the highest to the lowest');
  });
  return { ...base, id, indicators, aspects, domains, predicates, source: `${base.source}; corrected as ${id}` };
}

export const frameworkVersionDecider: Decider<FrameworkVersionState, RegisterFrameworkVersion> = {
  initialState: () => ({}),
  decide(c, s): NewEvent[] {
    if (s.framework) throw new InvariantError('FRAMEWORK_EXISTS', `framework ${c.frameworkId} is already registered; register a new id`);
    if (c.role !== 'koordinator') throw new ValidationError('role', 'a corrected framework is registered by the koordinator');
    assertEntityId(c.frameworkId, 'frameworkId');
    if (FRAMEWORKS[c.frameworkId]) throw new ValidationError('frameworkId', `${c.frameworkId} is a national framework; choose a new id`);
    const base = FRAMEWORKS[c.basedOn];
    if (!base) throw new ValidationError('basedOn', `unknown framework "${c.basedOn}"; known: ${Object.keys(FRAMEWORKS).join(', ')}`);
    assertCitation(c.legalBasis);
    const framework = correctedFramework(base, c.frameworkId, c.correction ?? {});
    return [{ type: 'FrameworkVersionRegistered', payload: { basedOn: base.id, reason: text(c.reason, 'reason', 3, 2000), correction: c.correction ?? {}, framework }, legalBasis: { regulation: c.legalBasis.regulation, article: c.legalBasis.article } }];
  },
  evolve(s, e: EventEnvelope): FrameworkVersionState {
    return e.type === 'FrameworkVersionRegistered' ? { framework: (e.payload as { framework: Framework }).framework } : s;
  },
};
